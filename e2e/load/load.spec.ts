/**
 * Concurrency against the running server, as bank backends produce it: 32 clients on kept-alive
 * connections, 1,000 mixed admin requests each (reads, creates, role changes, a wrong password
 * now and then). Every answer must be the right one: no 5xx, no 401 for a valid credential, no
 * request left without an answer. Then the same load on a second server that gets SIGTERM in
 * the middle: every request it took is answered, and it exits within its shutdown timeout.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

import { E2E } from "../e2e-settings";
import { basic, createCredential, expect, test, unique, type CliCredential } from "../fixtures";
import { launch } from "../launcher";

interface Tally {
  ok: number;
  expected401: number;
  false401: number;
  serverErrors: number;
  otherStatus: Record<number, number>;
  hangs: number;
  connectionErrors: Record<string, number>;
}

const newTally = (): Tally => ({ ok: 0, expected401: 0, false401: 0, serverErrors: 0, otherStatus: {}, hangs: 0, connectionErrors: {} });

function call(agent: http.Agent, port: number, method: string, target: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: "127.0.0.1", port, method, path: target, agent, headers: { ...headers, ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", () => resolve({ error: "response aborted" }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("HANG")));
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.message === "HANG" ? "HANG" : (error.code ?? error.message) }));
    req.end(payload);
  });
}

/** One client's mix: mostly reads, some writes, and 1 in 20 with a wrong password (a 401 is then right). */
async function runClient(port: number, credential: CliCredential, appId: string, requests: number, tally: Tally, stop?: () => boolean): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const good = basic(credential);
  const wrong = basic({ username: credential.username, password: `${credential.password}x` });
  for (let i = 0; i < requests && !stop?.(); i++) {
    const kind = i % 20;
    const wrongPassword = kind === 19;
    const [method, target, body] =
      kind < 8
        ? ["GET", `/admin/applications/${appId}`]
        : kind < 13
          ? ["GET", "/admin/applications"]
          : kind < 15
            ? ["GET", `/admin/applications/${appId}/config`]
            : kind < 17
              ? ["POST", "/admin/applications/roles", { id: appId, roles: [`ROLE_${i % 7}`] }]
              : kind === 17
                ? ["POST", "/admin/applications", { id: unique("LOAD").toUpperCase().replace(/-/g, "_") }]
                : kind === 18
                  ? ["GET", "/push/service/status"]
                  : ["GET", `/admin/applications/${appId}`];
    const result = await call(agent, port, method, target, wrongPassword ? wrong : good, body);
    if ("error" in result) {
      if (result.error === "HANG") tally.hangs++;
      else tally.connectionErrors[result.error] = (tally.connectionErrors[result.error] ?? 0) + 1;
    } else if (result.status === 401) {
      if (wrongPassword) tally.expected401++;
      else tally.false401++;
    } else if (result.status >= 500) tally.serverErrors++;
    else if (result.status === 200) tally.ok++;
    else tally.otherStatus[result.status] = (tally.otherStatus[result.status] ?? 0) + 1;
  }
  agent.destroy();
}

test("32 concurrent clients × 1,000 mixed admin requests: no errors, no false 401s, no hangs", async ({ request, adminCredential }) => {
  test.setTimeout(15 * 60_000);
  const appId = unique("LOADAPP");
  expect((await request.post("/admin/applications", { headers: basic(adminCredential), data: { id: appId } })).status()).toBe(200);
  const tally = newTally();
  const started = Date.now();
  await Promise.all(Array.from({ length: 32 }, () => runClient(E2E.port, adminCredential, appId, 1000, tally)));
  const seconds = (Date.now() - started) / 1000;
  console.log(`load: 32,000 requests in ${seconds.toFixed(1)} s (${Math.round(32_000 / seconds)} req/s)`, JSON.stringify(tally));
  expect(tally).toEqual({ ok: 32 * 950, expected401: 32 * 50, false401: 0, serverErrors: 0, otherStatus: {}, hangs: 0, connectionErrors: {} });
});

test("SIGTERM under load: every request taken is answered, and the server exits within its timeout", async () => {
  test.setTimeout(5 * 60_000);
  const port = E2E.port + 8;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-shutdown-"));
  const server = launch({ PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_SECONDS: "10", ...(E2E.databaseUrl ? { DATABASE_URL: E2E.databaseUrl } : {}) });
  try {
    await server.ready();
    const credential = await createCredential(unique("shutdown"), { admin: true }, { DATA_DIR: dataDir, ...(E2E.databaseUrl ? { DATABASE_URL: E2E.databaseUrl } : {}) });
    const appId = unique("STOPAPP");
    const created = await call(new http.Agent(), port, "POST", "/admin/applications", basic(credential), { id: appId });
    expect(created).toEqual({ status: 200 });

    const tally = newTally();
    let stopped = false;
    const clients = Array.from({ length: 32 }, () => runClient(port, credential, appId, 100_000, tally, () => stopped));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    const code = await server.exited;
    const exitSeconds = (Date.now() - signalledAt) / 1000;
    stopped = true;
    await Promise.all(clients);
    console.log(`shutdown: exit code ${code} after ${exitSeconds.toFixed(1)} s`, JSON.stringify(tally));

    expect(code).toBe(0);
    expect(exitSeconds).toBeLessThan(10 + 5);
    expect(tally.ok).toBeGreaterThan(0);
    expect(tally).toMatchObject({ false401: 0, serverErrors: 0, hangs: 0, otherStatus: {} });
    // After the stop, new requests find no listener (or a connection the server closed between
    // requests); none of them was taken and left unanswered: the access log has no aborted request.
    for (const error of Object.keys(tally.connectionErrors)) expect(["ECONNREFUSED", "ECONNRESET", "EPIPE"]).toContain(error);
    expect(server.output()).not.toContain('"msg":"request aborted"');
    expect(server.output()).toContain('"msg":"stopped"');
  } finally {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
