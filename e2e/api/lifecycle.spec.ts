/**
 * The launcher as a newcomer meets it: a bad variable stops the start with a message naming it; a
 * first start prints the administrator; a second server on the same data folder is refused;
 * SIGTERM stops cleanly (the embedded PostgreSQL stopped too); a restart finds the data again.
 * Uses its own data folder and port, beside the main test server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { launch as launchServer, postmasterRunning } from "../launcher";

const port = Number(process.env.E2E_PORT ?? 3310) + 7;
const launch = (env: Record<string, string>) => launchServer({ PORT: String(port), ...env });

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
    // The output is a pipe, not a terminal: the password goes to a file only its owner can read.
    const passwordFile = path.join(dataDir, "first-admin-password.txt");
    expect(first.output()).toContain(`password: in ${passwordFile}`);
    expect(fs.readFileSync(passwordFile, "utf8").trim()).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(fs.statSync(passwordFile).mode & 0o077).toBe(0);
    expect(first.output()).not.toMatch(/password: [A-Za-z0-9]{20}\b/);
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
