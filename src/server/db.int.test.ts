import pg from "pg";
import { describe, expect, it } from "vitest";

import { db } from "./db";

describe("the database pool", () => {
  it("survives the server ending its idle connections, and the next query opens a new one", async () => {
    // The pool behind `db` (kept on globalThis by db.ts); only this test reaches for it.
    const { pool } = (globalThis as unknown as { __guardlineDb: { pool: pg.Pool } }).__guardlineDb;
    const clients = await Promise.all([pool.connect(), pool.connect()]);
    const pids = await Promise.all(clients.map(async (client) => (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid));
    for (const client of clients) client.release();

    // Another session ends exactly those two backends (other test files share the server).
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
    } finally {
      await admin.end();
    }
    // Without an error listener on the pool, pg raises the lost idle client as an unhandled
    // 'error' and the process (here: the test worker) dies.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});
