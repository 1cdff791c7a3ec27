/**
 * The one Prisma client of the process (kept on globalThis: Next.js bundles and the custom server
 * may load this module more than once). Only services, jobs and test factories use it.
 */
import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;
/** A client or an interactive-transaction client, for functions that run inside a caller's transaction. */
export type DbTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const store = globalThis as { __guardlineDb?: PrismaClient };

// The client is constructed when this module loads, which `next build` also does without a runtime
// environment, so it reads its variables directly instead of through getEnv(); the launcher and
// the server validate them (src/env.ts) before anything queries.
function createClient(): PrismaClient {
  const seconds = (name: string, fallback: number) => (Number(process.env[name]) || fallback) * 1000;
  const adapter = new PrismaPg({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 5) || 5,
    // A server must not hang: a bounded wait for a pool connection, a ceiling on every statement,
    // and no transaction left open by a stuck request holding its locks for long.
    connectionTimeoutMillis: seconds("DATABASE_POOL_TIMEOUT_SECONDS", 10),
    statement_timeout: seconds("DATABASE_STATEMENT_TIMEOUT_SECONDS", 30),
    idle_in_transaction_session_timeout: seconds("DATABASE_STATEMENT_TIMEOUT_SECONDS", 30),
    application_name: "guardline",
  });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = (store.__guardlineDb ??= createClient());

export async function disconnectDb(): Promise<void> {
  await store.__guardlineDb?.$disconnect();
}
