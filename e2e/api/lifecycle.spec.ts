/**
 * The launcher as a newcomer meets it: a bad variable stops the start with a message naming it; a
 * first start prints the administrator; a second server on the same data folder is refused;
 * SIGTERM stops cleanly (the embedded PostgreSQL stopped too); a restart finds the data again. Uses its own data folder and port, beside the main test server.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, test } from "@playwright/test";

const root = fileURLToPath(new URL("../..", import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3310) + 7;

function postmasterRunning(dataDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bin/start.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: "info", DATABASE_URL: "", ADMIN_PASSWORD: "", ADMIN_EMAIL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = async () => {
    await expect.poll(() => output, { timeout: 120_000, intervals: [250] }).toMatch(/Ready in [\d.]+ s/);
  };
  return { child, exited, ready, output: () => output };
}

test.describe.configure({ mode: "serial" });

test("a bad variable stops the start with a message naming it", async () => {
  const server = launch({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "guardline-badenv-")), PORT: "not-a-port", MAX_BODY_BYTES: "12" });
  expect(await server.exited).toBe(1);
  expect(server.output()).toMatch(/PORT: must be a whole number between 1 and 65535 \(got "not-a-port"\)/);
  expect(server.output()).toMatch(/MAX_BODY_BYTES: must be a whole number between 1024 and/);
});

test("first start, clean stop, restart with the data kept", async ({ request }) => {
  test.setTimeout(240_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-lifecycle-"));
  try {
    const first = launch({ DATA_DIR: dataDir });
    await first.ready();
    expect(first.output()).toMatch(/First administrator created/);
    const password = /password: (\S+)/.exec(first.output())?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(postmasterRunning(dataDir)).toBe(true);
    const status = await request.get(`http://127.0.0.1:${port}/push/service/status`);
    expect(status.status()).toBe(200);

    const intruder = launch({ DATA_DIR: dataDir, PORT: String(port + 1) });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toMatch(/in use by the Guardline server \(pid \d+\)/);
    expect((await request.get(`http://127.0.0.1:${port}/push/service/status`)).status()).toBe(200);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);
    expect(postmasterRunning(dataDir)).toBe(false);

    const second = launch({ DATA_DIR: dataDir });
    await second.ready();
    expect(second.output()).not.toMatch(/First administrator created/);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
