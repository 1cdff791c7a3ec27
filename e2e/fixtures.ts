/**
 * Fixtures shared by the end-to-end tests. Credentials are made with the real operator CLI while
 * the server runs, which also proves the CLI reaches the running server's database.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { test as base } from "@playwright/test";

import { E2E } from "./e2e-settings";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

export interface CliCredential {
  id: string;
  username: string;
  password: string;
  scope: "ADMIN" | "APPLICATION";
  applicationId: string | null;
}

/** Runs `npm run cli -- …` against the test server's data folder or database (or another server's, via `env`). */
export async function cliWith(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(root, "src/cli/index.ts"), ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: E2E.dataDir,
      LOG_LEVEL: "error",
      ...(E2E.databaseUrl ? { DATABASE_URL: E2E.databaseUrl } : { DATABASE_URL: "" }),
      ...env,
    },
  });
  return stdout.trim();
}

export const cli = (...args: string[]) => cliWith({}, ...args);

export async function createCredential(name: string, scope: { admin: true } | { app: string }, env: Record<string, string> = {}): Promise<CliCredential> {
  const out = await cliWith(env, "credentials", "create", "--name", name, ...("admin" in scope ? ["--admin"] : ["--app", scope.app]));
  return JSON.parse(out.split("\n").at(-1)!) as CliCredential;
}

export function basic(credential: { username: string; password: string }): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}` };
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The worker token the first start generated into the data folder. */
export function workerToken(): string {
  return JSON.parse(fs.readFileSync(path.join(E2E.dataDir, "secrets.json"), "utf8")).WORKER_TOKEN as string;
}

export const test = base.extend<object, { adminCredential: CliCredential }>({
  adminCredential: [
    async ({}, use, workerInfo) => {
      await use(await createCredential(`e2e-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true }));
    },
    { scope: "worker" },
  ],
});

export { expect } from "@playwright/test";
