/**
 * `npm run bench:api [-- --seconds N] [-- --concurrency N] [-- --database-url URL]`: starts the
 * built server on a fresh data folder (or a given PostgreSQL database), makes an admin credential
 * with the CLI, and measures over HTTP with keep-alive:
 *   - GET /push/service/status (no authentication): the floor of the stack;
 *   - GET /admin/applications/{id} (HTTP Basic on every request, one indexed read and one HMAC,
 *     then the detail query);
 *   - GET /admin/applications with a wrong password (authentication only, refused).
 * Prints requests/s and latency percentiles. Numbers on a shared machine are noisy; compare rows
 * of one run with each other.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";

import { PROJECT_ROOT } from "@/server/runtime/project-root";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
    port: { type: "string", default: "3390" },
    "database-url": { type: "string" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const port = Number(values.port);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-bench-"));
const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: values["database-url"] ?? "" };

const server = spawn(process.execPath, ["--import", "tsx", "src/bin/start.ts"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
let output = "";
server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));

async function waitForReady(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (/Ready in/.test(output)) return;
    if (server.exitCode !== null) throw new Error(`server exited:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("server did not become ready");
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function get(pathname: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: pathname, headers, agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  unexpected: number;
}

async function load(name: string, pathname: string, headers: Record<string, string>, expected: number): Promise<Result> {
  const latencies: number[] = [];
  let unexpected = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const status = await get(pathname, headers);
      latencies.push(performance.now() - started);
      if (status !== expected) unexpected++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name, requests: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), unexpected };
}

try {
  await waitForReady();
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/index.ts", "credentials", "create", "--name", "bench-admin", "--admin"], {
    cwd: PROJECT_ROOT,
    env,
  });
  const credential = JSON.parse(stdout.trim().split("\n").at(-1)!) as { username: string; password: string };
  const auth = { Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}` };
  const wrong = { Authorization: `Basic ${Buffer.from(`${credential.username}:wrong-password`).toString("base64")}` };
  await new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({ id: "BENCH_APP", roles: ["ROLE1"] });
    const request = http.request(
      { host: "127.0.0.1", port, path: "/admin/applications", method: "POST", headers: { ...auth, "Content-Type": "application/json" } },
      (response) => (response.statusCode === 200 ? resolve() : reject(new Error(`create app: ${response.statusCode}`))),
    );
    request.end(body);
  });

  const results: Result[] = [];
  for (const [name, pathname, headers, expected] of [
    ["warm-up", "/admin/applications/BENCH_APP", auth, 200],
    ["GET /push/service/status (no auth)", "/push/service/status", {}, 200],
    ["GET /admin/applications/{id} (Basic auth)", "/admin/applications/BENCH_APP", auth, 200],
    ["GET /admin/applications (wrong password → 401)", "/admin/applications", wrong, 401],
  ] as const) {
    const result = await load(name, pathname, headers, expected);
    if (name !== "warm-up") results.push(result);
  }

  const database = values["database-url"] ? "PostgreSQL" : "embedded PostgreSQL";
  console.log(`\nREST API benchmark: ${database}, ${concurrency} concurrent keep-alive connections, ${seconds} s per row, node ${process.version}, ${os.cpus().length} cores\n`);
  console.log(`${"request".padEnd(48)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"unexpected".padStart(10)}`);
  for (const r of results) {
    console.log(`${r.name.padEnd(48)} ${r.perSecond.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${String(r.unexpected).padStart(10)}`);
  }
  console.log("\nThe server, the database and this load generator share the machine; compare rows of one run, not runs on different machines.");
  process.exitCode = results.some((r) => r.unexpected > 0) ? 1 : 0;
} finally {
  agent.destroy();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
