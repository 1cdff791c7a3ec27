/**
 * How the operator CLI and `npm run worker` reach the database, the same way whether or not the
 * server runs:
 * - DATABASE_URL set: that PostgreSQL server;
 * - else the embedded PostgreSQL of the data folder, over 127.0.0.1 with the password from
 *   secrets.json: the running server's, or one the tool starts for itself and stops when it is
 *   done (applying migrations first, in case the folder is new).
 * Secrets come from the environment or the data folder, like the server's, so credentials the CLI
 * creates verify on the server.
 */

import { getEnv } from "@/env";

import { applyMigrations } from "./apply-migrations";
import { resolveDataFolder } from "./data-folder";
import { applyDataSecrets } from "./data-secrets";
import { openEmbeddedDatabase } from "./embedded-database";

export async function withToolDatabase<T>(owner: string, fn: () => Promise<T>): Promise<T> {
  const dataDir = resolveDataFolder();
  process.env.DATA_DIR = dataDir;
  applyDataSecrets(dataDir);
  process.env.DATABASE_POOL_SIZE ??= "2";
  const env = getEnv();

  if (env.DATABASE_URL) return run(fn);

  const embedded = await openEmbeddedDatabase({
    dataDir,
    password: process.env.EMBEDDED_DATABASE_PASSWORD!,
    owner,
    ifRunning: "use",
    log: (line) => console.error(`[postgres] ${line}`),
  });
  try {
    process.env.DATABASE_URL = embedded.url;
    if (embedded.owned) await applyMigrations(embedded.url);
    return await run(fn);
  } finally {
    await embedded.stop();
  }
}

async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    const { disconnectDb } = await import("@/server/db");
    await disconnectDb();
  }
}
