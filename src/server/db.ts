/**
 * The database of the process: one pg pool, with the Prisma client on top of it (kept on
 * globalThis: Next.js bundles and the custom server may load this module more than once). Only
 * services, jobs and test factories use it.
 *
 * Two ways to query, one pool:
 * - Prisma (`db`) for everything by default: the schema's types, relations, transactions.
 * - `hotQuery` for the few statements every request pays for (the credential lookup on each REST
 *   call; the activation and token reads of the verify endpoints). Prisma 6 spends about half a
 *   millisecond of CPU per query in its query interpreter whatever the query (measured: 650 µs for
 *   a findUnique or a $queryRaw, 190 µs for the same statement on the pool), which on these paths
 *   is most of a request. A hot statement is a named prepared statement with a typed row mapper,
 *   defined next to the service that uses it (see `defineStatement`).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { PrismaClient } from "@/generated/prisma/client";
import { logger } from "@/server/logger";

export type Db = PrismaClient;
/** A client or an interactive-transaction client, for functions that run inside a caller's transaction. */
export type DbTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const store = globalThis as { __guardlineDb?: { client: PrismaClient; pool: pg.Pool } };

// The client is constructed when this module loads, which `next build` also does without a runtime
// environment, so it reads its variables directly instead of through getEnv(); the launcher and
// the server validate them (src/env.ts) before anything queries.
function createDatabase(): { client: PrismaClient; pool: pg.Pool } {
  const seconds = (name: string, fallback: number) => (Number(process.env[name]) || fallback) * 1000;
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 5) || 5,
    // A server must not hang: a bounded wait for a pool connection, a ceiling on every statement,
    // and no transaction left open by a stuck request holding its locks for long.
    connectionTimeoutMillis: seconds("DATABASE_POOL_TIMEOUT_SECONDS", 10),
    statement_timeout: seconds("DATABASE_STATEMENT_TIMEOUT_SECONDS", 30),
    idle_in_transaction_session_timeout: seconds("DATABASE_STATEMENT_TIMEOUT_SECONDS", 30),
    application_name: "guardline",
  });
  // An idle connection the server ends (a restart, a failover, a tool stopping the embedded
  // database, an administrator's pg_terminate_backend) must not take the process with it: without
  // a listener, pg emits it as an unhandled 'error' and Node exits. The pool drops that client and
  // opens a new one on the next query.
  pool.on("error", (error) => logger.warn("database connection lost while idle", { error: error.message }));
  // Interactive transactions wait for a connection as long as any query does, and may run as
  // long as a statement may (Prisma's own defaults, 2 s and 5 s, fail bursts under load).
  const transactionOptions = { maxWait: seconds("DATABASE_POOL_TIMEOUT_SECONDS", 10), timeout: seconds("DATABASE_STATEMENT_TIMEOUT_SECONDS", 30) };
  return { client: new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions }), pool };
}

const database = (store.__guardlineDb ??= createDatabase());

export const db: PrismaClient = database.client;

/** Closes the client and the pool, for a process that is ending. */
export async function disconnectDb(): Promise<void> {
  const current = store.__guardlineDb;
  if (!current) return;
  await current.client.$disconnect();
  if (!current.pool.ended) await current.pool.end();
}

/** A prepared statement of a hot path and how its rows become typed values. */
export interface Statement<TParams extends unknown[], TRow> {
  readonly name: string;
  readonly text: string;
  readonly map: (row: Record<string, unknown>) => TRow;
  /** Only carries the parameter types. */
  readonly params?: TParams;
}

/**
 * Declares a hot statement: `defineStatement<[string]>()("name", "SELECT … WHERE x = $1", mapRow)`.
 * `name` must be unique in the process (it names the server-side prepared statement).
 */
export function defineStatement<TParams extends unknown[]>() {
  return <TRow>(name: string, text: string, map: (row: Record<string, unknown>) => TRow): Statement<TParams, TRow> => ({ name, text, map });
}

/** Runs a hot statement on the shared pool (outside any Prisma transaction). */
export async function hotQuery<TParams extends unknown[], TRow>(statement: Statement<TParams, TRow>, values: TParams): Promise<TRow[]> {
  const result = await database.pool.query<Record<string, unknown>>({ name: statement.name, text: statement.text, values });
  return result.rows.map(statement.map);
}

/**
 * Plain SQL inside a transaction, whichever kind it is: a Prisma interactive transaction (console
 * and admin changes) or a hot transaction on the pool (verification endpoints). Mechanisms that
 * must join the caller's transaction from either side (registration and operation history and
 * their subscribers) take one of these. Row values differ slightly between the two (Prisma gives
 * BigInt for int8, pg a string): read them with Number() / String().
 */
export interface SqlRunner {
  query(text: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
}

export function sqlOf(tx: DbTx): SqlRunner {
  return { query: (text, values = []) => tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values) };
}

/** A transaction on the pool, for hot paths: BEGIN … COMMIT around `fn`, ROLLBACK on any error. */
export async function hotTransaction<T>(fn: (sql: SqlRunner & { statement<TParams extends unknown[], TRow>(statement: Statement<TParams, TRow>, values: TParams): Promise<TRow[]> }) => Promise<T>): Promise<T> {
  const client = await database.pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn({
      query: async (text, values = []) => (await client.query<Record<string, unknown>>(text, values)).rows,
      statement: async (statement, values) => (await client.query<Record<string, unknown>>({ name: statement.name, text: statement.text, values })).rows.map(statement.map),
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
