/**
 * The operator CLI as a process, on the embedded database. With nothing running it starts the
 * data folder's PostgreSQL for the command and stops it afterwards; while a server runs it uses
 * that server's database (the fixtures' credentials prove it on every test run).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { expect, test } from "../fixtures";
import { postmasterRunning, root } from "../launcher";

const run = promisify(execFile);
const { NEXTAUTH_SECRET: _a, SECRETS_ENCRYPTION_KEY: _b, API_SECRET_PEPPER: _c, WORKER_TOKEN: _d, ...shellEnv } = process.env;

/** An operator's shell: no secrets in the environment, so they come from the data folder. */
function cliIn(dataDir: string, ...args: string[]) {
  return run(process.execPath, ["--import", "tsx", path.join(root, "src/cli/index.ts"), ...args], {
    cwd: root,
    env: { ...shellEnv, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "error" },
  });
}

test.describe("operator CLI with nothing running", () => {
  test.describe.configure({ mode: "serial" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-cli-"));
  test.afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test("starts the folder's database for the command and stops it afterwards", async () => {
    test.setTimeout(90_000);
    const { stdout } = await cliIn(dataDir, "credentials", "create", "--name", "offline-admin", "--admin");
    const created = JSON.parse(stdout.trim());
    expect(created).toMatchObject({ username: "offline-admin", scope: "ADMIN", applicationId: null, password: expect.stringMatching(/^\S{43}$/) });
    expect(postmasterRunning(dataDir)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "embedded-postgres.json"))).toBe(false);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
    expect(secrets).toHaveProperty("API_SECRET_PEPPER");
    expect(secrets).toHaveProperty("EMBEDDED_DATABASE_PASSWORD");
    expect(fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o077).toBe(0);
    expect(fs.statSync(path.join(dataDir, "postgres")).mode & 0o077).toBe(0);

    const listed = JSON.parse((await cliIn(dataDir, "credentials", "list", "--json")).stdout.trim());
    expect(listed.map((c: { username: string }) => c.username)).toEqual(["offline-admin"]);
    expect(JSON.stringify(listed)).not.toContain(created.password);
    expect((await cliIn(dataDir, "audit", "verify")).stdout).toMatch(/Audit chain verified: 1 entries/);
    expect(postmasterRunning(dataDir)).toBe(false);
  });

  test("explains usage errors and exits with code 2, without starting the database", async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-cli-usage-"));
    try {
      await expect(cliIn(fresh, "credentials", "create", "--name", "x")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--app APP_ID or --admin/) });
      await expect(cliIn(fresh, "credentials", "create", "--name", "bad name!", "--admin")).rejects.toMatchObject({ code: 2 });
      await expect(cliIn(fresh, "frobnicate")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown command/) });
      // An option without its value, or one that does not exist: the usage, not a stack trace.
      await expect(cliIn(fresh, "credentials", "create", "--name")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--name[\s\S]*Usage:/) });
      await expect(cliIn(fresh, "credentials", "list", "--bogus")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--bogus[\s\S]*Usage:/) });
      expect(fs.existsSync(path.join(fresh, "postgres"))).toBe(false);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
