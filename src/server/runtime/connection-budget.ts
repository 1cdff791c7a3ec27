/**
 * Every server process has its own pool. Their sum (plus pg-boss's pool in the process that runs
 * jobs, and room for the CLI and an operator's psql) must stay within the database's
 * max_connections, or the last processes to start fail to get connections under load. The
 * launcher asks the database and shrinks the per-process pool when needed, saying so.
 */
import pg from "pg";

/** pg-boss's pool and its LISTEN connection (src/server/jobs/queue.ts) plus the CLI, the Prisma CLI and one psql. */
const RESERVED = 4 + 5;

export async function fitPoolToConnectionLimit({
  databaseUrl,
  processes,
  poolSize,
  warn,
}: {
  databaseUrl: string;
  processes: number;
  poolSize: number;
  warn: (message: string) => void;
}): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  let limit: number;
  try {
    await client.connect();
    const { rows } = await client.query<{ max: string; reserved: string; used: string }>(
      "SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved, (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS used",
    );
    const row = rows[0]!;
    // Connections other clients hold now (other app instances, other applications) stay theirs.
    limit = Number(row.max) - Number(row.reserved) - Math.max(0, Number(row.used) - 1);
  } catch {
    return poolSize; // The servers will report a database they cannot reach; nothing to fit here.
  } finally {
    await client.end().catch(() => undefined);
  }
  const available = limit - RESERVED;
  if (processes * poolSize <= available) return poolSize;
  const fitted = Math.max(1, Math.floor(available / processes));
  warn(
    `${processes} server processes × DATABASE_POOL_SIZE ${poolSize} would exceed the database's connection limit (${limit} available); using ${fitted} connections per process. Raise max_connections or lower WEB_CONCURRENCY.`,
  );
  return fitted;
}
