/**
 * Embedded PostgreSQL (PGlite) served on a local TCP port, so the app, the Prisma CLI, pg-boss and
 * the operator CLI all use an ordinary postgresql:// URL, exactly as with a real server.
 *
 * Only one process may open a PGlite data folder. A lock file next to it records the owner's pid
 * and port: the CLI reads it to reach the running server's database, and a second start refuses
 * with a clear message instead of corrupting the data.
 */
import fs from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface LockInfo {
  pid: number;
  port: number | null;
  owner: string;
}

export const lockPath = (dataDir: string) => path.join(dataDir, "embedded-db.lock");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live owner of the data folder, if any (a stale lock of a dead process is ignored). */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

function acquireLock(dataDir: string, owner: string): void {
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, port: null, owner }), { flag: "wx", mode: 0o600 });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(dataDir);
      if (holder) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by ${holder.owner} (pid ${holder.pid}). Stop it first, or point DATA_DIR elsewhere.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${file}`);
}

export async function startEmbeddedDatabase({
  dataDir,
  owner,
  maxConnections = 40,
}: {
  dataDir: string;
  owner: string;
  maxConnections?: number;
}): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  acquireLock(dataDir, owner);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(path.join(dataDir, "pgdata"));
    // The sum of all pools (app, pg-boss, CLI) must stay below maxConnections: extra connections
    // are dropped, not queued (STACK.md).
    const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    fs.writeFileSync(lockPath(dataDir), JSON.stringify({ pid: process.pid, port, owner }), { mode: 0o600 });
    const db = pglite;
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      port,
      async stop() {
        await server.stop();
        await db.close();
        fs.rmSync(lockPath(dataDir), { force: true });
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    fs.rmSync(lockPath(dataDir), { force: true });
    throw error;
  }
}

/** An in-memory PGlite on a free port, for tests: nothing on disk, no lock. */
export async function startMemoryDatabase(maxConnections = 40): Promise<EmbeddedDatabase> {
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
