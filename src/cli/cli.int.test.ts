/**
 * The operator CLI on the embedded database, both ways: with nothing running it opens the data
 * folder itself; while the folder is owned by a running process it goes through that process's
 * database port. A second owner is refused instead of corrupting the data.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { lockPath, startEmbeddedDatabase } from "@/server/runtime/embedded-database";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-cli-"));
const { NEXTAUTH_SECRET: _a, SECRETS_ENCRYPTION_KEY: _b, API_SECRET_PEPPER: _c, WORKER_TOKEN: _d, ...shellEnv } = process.env;

async function cli(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/index.ts"), ...args], {
    cwd: PROJECT_ROOT,
    // An operator's shell: no secrets in the environment, so they come from the data folder.
    env: { ...shellEnv, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "error" },
  });
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("operator CLI on the embedded database", () => {
  it("opens the data folder itself when no server runs", async () => {
    const { stdout } = await cli("credentials", "create", "--name", "offline-admin", "--admin");
    const created = JSON.parse(stdout.trim());
    expect(created).toMatchObject({ username: "offline-admin", scope: "ADMIN", applicationId: null, password: expect.stringMatching(/^\S{43}$/) });
    expect(fs.existsSync(lockPath(dataDir))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"))).toHaveProperty("API_SECRET_PEPPER");

    const listed = JSON.parse((await cli("credentials", "list", "--json")).stdout.trim());
    expect(listed.map((c: { username: string }) => c.username)).toEqual(["offline-admin"]);
    expect(JSON.stringify(listed)).not.toContain(created.password);
    expect((await cli("audit", "verify")).stdout).toMatch(/Audit chain verified: 1 entries/);
  }, 60_000);

  it("goes through the owner's database port while the folder is in use, and a second owner is refused", async () => {
    const owner = await startEmbeddedDatabase({ dataDir, owner: "a test server" });
    try {
      await expect(startEmbeddedDatabase({ dataDir, owner: "another server" })).rejects.toThrow(/in use by a test server/);
      const { stdout } = await cli("credentials", "revoke", "offline-admin");
      expect(JSON.parse(stdout.trim())).toMatchObject({ username: "offline-admin", revokedAt: expect.any(String) });

      const client = new pg.Client({ connectionString: owner.url });
      await client.connect();
      const { rows } = await client.query("select revoked_at from integration_credential where username = 'offline-admin'");
      await client.end();
      expect(rows[0].revoked_at).toBeInstanceOf(Date);
    } finally {
      await owner.stop();
    }
  }, 60_000);

  it("explains usage errors and exits with code 2, without opening the database", async () => {
    await expect(cli("credentials", "create", "--name", "x")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--app APP_ID or --admin/) });
    await expect(cli("credentials", "create", "--name", "bad name!", "--admin")).rejects.toMatchObject({ code: 2 });
    await expect(cli("frobnicate")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown command/) });
    expect(fs.existsSync(lockPath(dataDir))).toBe(false);
  }, 60_000);
});
