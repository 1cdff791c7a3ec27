/**
 * `npm run bench:api`: the cost of one REST request, side by side with a bare `node:http` server
 * doing the same work (src/bin/bench/bare-server.ts: same SQL, same HMAC check, same JSON).
 *
 * - Makes a fresh database (on the PostgreSQL server at --database-url / TEST_POSTGRES_URL when
 *   reachable, else a throwaway embedded cluster), migrates and seeds it, and drops it at the end:
 *   every run starts from nothing, so a second run works.
 * - Starts the built product (`src/bin/start.ts`, WEB_CONCURRENCY processes) and the bare server
 *   (the same number of processes) on that database.
 * - Drives load from a separate process (autocannon, keep-alive), per row: a warm-up, then
 *   --rounds measured runs of --seconds each, alternating product and bare server, and prints
 *   min/median/max req/s, median p50/p99 latency, and the ratio of the medians.
 *
 * - The verification rows (`/v2/signature/verify` valid and wrong, `/v2/token/verify`) need
 *   requests that do not repeat: before measuring, simulated phones activate --registrations
 *   registrations per server over the product's API (3.3) and get a token each; then a sequence of
 *   signed requests is computed per server (body k belongs to registration k mod R, each one's next
 *   counter step; token headers with fresh nonces), and load-driver.ts sends each body once, the
 *   next run of the same server continuing where the last stopped. Wrong signatures (a possession
 *   signature over another body: the look-ahead window in HMACs, never counted, never blocking)
 *   can repeat. Every answer is checked: a valid row must say valid, a wrong row not valid.
 *
 * Options: --seconds N (10) --warmup N (3) --rounds N (3) --connections N (16) --processes N
 * (cores) --registrations N (64) --sequence N (signed requests per server and row, 40000)
 * --database-url URL --embedded (force the embedded cluster) --only name,name.
 * The servers, the database and the load generator share the machine: compare the two columns
 * of one run, not runs on different machines.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";

import { applyMigrations } from "@/server/runtime/apply-migrations";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

import { openBenchDatabase } from "./bench-database";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
    processes: { type: "string", default: String(os.availableParallelism()) },
    port: { type: "string", default: "3390" },
    "database-url": { type: "string" },
    embedded: { type: "boolean", default: false },
    only: { type: "string" },
    registrations: { type: "string", default: "64" },
    sequence: { type: "string", default: "40000" },
  },
});
const seconds = Number(values.seconds);
const processes = Number(values.processes);
const productPort = Number(values.port);
const barePort = productPort + 1;

interface Row {
  name: string;
  path: string;
  headers: Record<string, string>;
  expectStatus: number;
  /** Rows whose requests do not repeat: a body file per server, sent by load-driver.ts. */
  sequence?: { files: Record<"product" | "bare", string>; registrationIds: Record<"product" | "bare", string>; validField: string; expectValid: boolean; cycle: boolean; state: string };
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  unexpected: number;
}

const secrets = {
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  SECRETS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  API_SECRET_PEPPER: crypto.randomBytes(32).toString("base64"),
  WORKER_TOKEN: crypto.randomBytes(32).toString("base64url"),
  AUDIT_CHAIN_KEY: crypto.randomBytes(32).toString("base64"),
};

const openDatabase = () => openBenchDatabase({ databaseUrl: values["database-url"], embedded: values.embedded });

function startProcess(args: string[], env: Record<string, string>, label: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Ready in/.test(output)) {
        clearInterval(timer);
        resolve(child);
      }
    }, 100);
    child.on("message", (message: { type?: string }) => {
      if (message?.type === "ready") {
        clearInterval(timer);
        resolve(child);
      }
    });
    child.on("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`${label} exited (${code}):\n${output.slice(-3000)}`));
    });
  });
}

async function autocannon(url: string, headers: Record<string, string>, duration: number): Promise<Run & { statuses: Record<string, number> }> {
  const args = [path.join(PROJECT_ROOT, "node_modules/autocannon/autocannon.js"), "-c", values.connections, "-d", String(duration), "-j", "-n"];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  args.push(url);
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 10 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    statusCodeStats?: Record<string, { count: number }>;
  };
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]));
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, unexpected: result.errors + result.timeouts, statuses };
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

async function driveSequence(row: Row & { sequence: NonNullable<Row["sequence"]> }, which: "product" | "bare", port: number, duration: number): Promise<Run> {
  const { sequence } = row;
  const args = ["--import", "tsx", path.join(PROJECT_ROOT, "src/bin/bench/load-driver.ts"), "--url", `http://127.0.0.1:${port}${row.path}`, "--bodies", sequence.files[which]];
  args.push("--registrations", sequence.registrationIds[which], "--state", `${sequence.state}-${which}.json`, "--connections", values.connections, "--seconds", String(duration), "--authorization", row.headers.authorization!, "--valid-field", sequence.validField);
  if (sequence.cycle) args.push("--cycle");
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: PROJECT_ROOT, maxBuffer: 10 * 1024 * 1024 });
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as Run & { statuses: Record<string, number>; valid: number; invalid: number; exhausted: number };
  const wrongStatus = Object.entries(result.statuses).filter(([code]) => Number(code) !== row.expectStatus).reduce((sum, [, count]) => sum + count, 0);
  const wrongAnswer = sequence.expectValid ? result.invalid : result.valid;
  if (wrongAnswer > 0 || result.exhausted > 0) console.error(`  ${row.name} on the ${which}: ${wrongAnswer} unexpected answers, ${result.exhausted} requests past the end of the sequence`);
  return { rps: result.rps, p50: result.p50, p99: result.p99, unexpected: result.unexpected + wrongStatus + wrongAnswer + result.exhausted };
}

async function measure(row: Row, port: number, duration: number): Promise<Run> {
  if (row.sequence) return driveSequence(row as Row & { sequence: NonNullable<Row["sequence"]> }, port === productPort ? "product" : "bare", port, duration);
  const run = await autocannon(`http://127.0.0.1:${port}${row.path}`, row.headers, duration);
  const wrong = Object.entries(run.statuses).filter(([code]) => Number(code) !== row.expectStatus).reduce((sum, [, count]) => sum + count, 0);
  return { ...run, unexpected: run.unexpected + wrong };
}

const database = await openDatabase();
const children: ChildProcess[] = [];
let failed = false;
try {
  // Seed through the product's own services, with the secrets the servers get.
  Object.assign(process.env, secrets, { DATABASE_URL: database.url, LOG_LEVEL: "warn" });
  await applyMigrations(database.url);
  const { createApplication } = await import("@/server/services/applications/create-application");
  const { createCredential } = await import("@/server/services/credentials/create-credential");
  const { cliActor } = await import("@/server/services/access/actor");
  const { disconnectDb } = await import("@/server/db");
  const actor = cliActor("bench");
  const benchApp = await createApplication({ actor, id: "BENCH_APP", roles: ["ROLE_A", "ROLE_B"] });
  const credential = await createCredential({ actor, name: "bench-admin", scope: "ADMIN" });
  const appCredential = await createCredential({ actor, name: "bench-backend", scope: "APPLICATION", applicationId: "BENCH_APP" });
  await disconnectDb();
  const basic = (password: string) => `Basic ${Buffer.from(`${credential.username}:${password}`).toString("base64")}`;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-bench-"));
  children.push(
    await startProcess(["--import", "tsx", "src/bin/start.ts"], { ...secrets, DATA_DIR: dataDir, DATABASE_URL: database.url, PORT: String(productPort), WEB_CONCURRENCY: String(processes), LOG_LEVEL: "info", WORKER_ENABLED: "false" }, "the product"),
  );
  children.push(
    await startProcess(
      [
        "--import",
        "tsx",
        "src/bin/bench/bare-server.ts",
        "--port",
        String(barePort),
        "--processes",
        String(processes),
        "--database-url",
        database.url,
        "--pepper",
        secrets.API_SECRET_PEPPER,
        "--secrets-key",
        secrets.SECRETS_ENCRYPTION_KEY,
        "--service-base-url",
        `http://localhost:${productPort}/`,
      ],
      {},
      "the bare server",
    ),
  );

  const selected = (name: string) => !values.only || values.only.split(",").some((part) => name.includes(part));
  const rows: Row[] = [
    { name: "GET /push/service/status (no auth)", path: "/push/service/status", headers: {} as Record<string, string>, expectStatus: 200 },
    { name: "GET /admin/applications/{id} (Basic)", path: "/admin/applications/BENCH_APP", headers: { authorization: basic(credential.password) }, expectStatus: 200 },
    { name: "GET /admin/applications/{id} → 401", path: "/admin/applications/BENCH_APP", headers: { authorization: basic("wrong-password") }, expectStatus: 401 },
  ].filter((row) => selected(row.name));
  const verificationRows = ["POST /v2/signature/verify (valid)", "POST /v2/signature/verify (wrong, 20 HMACs)", "POST /v2/token/verify (valid)"].filter(selected);
  if (verificationRows.length > 0) {
    const { prepareVerificationSequences } = await import("./verification-sequences");
    const appAuthorization = `Basic ${Buffer.from(`${appCredential.username}:${appCredential.password}`).toString("base64")}`;
    const files = await prepareVerificationSequences({
      baseUrl: `http://127.0.0.1:${productPort}`,
      appAuthorization,
      applicationId: "BENCH_APP",
      mobileSdkConfig: benchApp.mobileSdkConfig,
      registrations: Number(values.registrations),
      sequence: Number(values.sequence),
      directory: dataDir,
    });
    const sequenceRow = (name: string, rowPath: string, kind: "validSignatures" | "wrongSignatures" | "validTokens", validField: string, expectValid: boolean, cycle: boolean): Row => ({
      name,
      path: rowPath,
      headers: { authorization: appAuthorization },
      expectStatus: 200,
      sequence: { files: files[kind], registrationIds: files.registrationIds, validField, expectValid, cycle, state: path.join(dataDir, `positions-${kind}`) },
    });
    const all = [
      sequenceRow("POST /v2/signature/verify (valid)", "/v2/signature/verify", "validSignatures", "signatureValid", true, false),
      sequenceRow("POST /v2/signature/verify (wrong, 20 HMACs)", "/v2/signature/verify", "wrongSignatures", "signatureValid", false, true),
      sequenceRow("POST /v2/token/verify (valid)", "/v2/token/verify", "validTokens", "tokenValid", true, false),
    ];
    rows.push(...all.filter((row) => verificationRows.includes(row.name)));
  }

  console.log(`\nREST benchmark: ${database.label}; ${processes} process(es) per server; ${values.connections} keep-alive connections; ${values.rounds} × ${seconds} s per server and row after ${values.warmup} s warm-up; node ${process.version}, ${os.availableParallelism()} cores\n`);
  const header = `${"request".padEnd(44)} ${"server".padEnd(8)} ${"req/s min/median/max".padStart(24)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"ratio".padStart(6)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const row of rows) {
    await measure(row, productPort, Number(values.warmup));
    await measure(row, barePort, Number(values.warmup));
    const runs: Record<"product" | "bare", Run[]> = { product: [], bare: [] };
    for (let round = 0; round < Number(values.rounds); round++) {
      // Alternate which server goes first, so a drift in the machine's load hits both alike.
      const order: ("product" | "bare")[] = round % 2 === 0 ? ["product", "bare"] : ["bare", "product"];
      for (const which of order) runs[which].push(await measure(row, which === "product" ? productPort : barePort, seconds));
    }
    const ratio = median(runs.product.map((r) => r.rps)) / median(runs.bare.map((r) => r.rps));
    for (const which of ["product", "bare"] as const) {
      const list = runs[which];
      const rps = list.map((r) => r.rps);
      const unexpected = list.reduce((sum, r) => sum + r.unexpected, 0);
      if (unexpected > 0) failed = true;
      console.log(
        `${(which === "product" ? row.name : "").padEnd(44)} ${which.padEnd(8)} ${`${Math.round(Math.min(...rps))} / ${Math.round(median(rps))} / ${Math.round(Math.max(...rps))}`.padStart(24)} ${String(median(list.map((r) => r.p50))).padStart(7)} ${String(median(list.map((r) => r.p99))).padStart(7)} ${which === "product" ? ratio.toFixed(2).padStart(6) : "".padStart(6)}${unexpected ? `  (${unexpected} unexpected answers)` : ""}`,
      );
    }
  }
  console.log("\nratio = product median req/s ÷ bare server median req/s.");
  fs.rmSync(dataDir, { recursive: true, force: true });
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const child of children) {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  }
  await database.drop();
}
process.exit(failed ? 1 : 0);
