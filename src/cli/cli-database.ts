/**
 * How the CLI reaches the database:
 * - DATABASE_URL set: that PostgreSQL server;
 * - else, a server is running on the embedded database: through its local database port;
 * - else: it opens the data folder itself (and applies migrations, in case it is a fresh one).
 * Secrets come from the environment or the data folder, like the server's, so credentials the CLI
 * creates verify on the server.
 */
import path from "node:path";

import { getEnv } from "@/env";
import { applyMigrations } from "@/server/runtime/apply-migrations";
import { applyDataSecrets } from "@/server/runtime/data-secrets";
import { readLock, startEmbeddedDatabase } from "@/server/runtime/embedded-database";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

export async function withCliDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const dataDir = path.resolve(PROJECT_ROOT, process.env.DATA_DIR || ".data");
  process.env.DATA_DIR = dataDir;
  applyDataSecrets(dataDir);
  process.env.DATABASE_POOL_SIZE ??= "2";
  const env = getEnv();

  if (env.DATABASE_URL) return run(fn);

  const running = await waitForRunningServerPort(dataDir);
  if (running) {
    process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${running}/postgres?sslmode=disable`;
    return run(fn);
  }
  const embedded = await startEmbeddedDatabase({ dataDir, owner: "the Guardline CLI", maxConnections: 5 });
  try {
    process.env.DATABASE_URL = embedded.url;
    await applyMigrations(embedded.url);
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

/** The running server's database port; a server that is still starting gets a few seconds. */
async function waitForRunningServerPort(dataDir: string): Promise<number | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const lock = readLock(dataDir);
    if (!lock) return null;
    if (lock.port) return lock.port;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("The embedded database is locked by a process that never opened its port; is a server stuck starting?");
}
