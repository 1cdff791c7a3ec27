/**
 * The benchmarks' database: a fresh one on the PostgreSQL server (`--database-url`,
 * TEST_POSTGRES_URL, or 127.0.0.1:5432) when it answers, else a throwaway embedded cluster, so
 * every run starts from nothing and leaves nothing behind.
 */
import pg from "pg";

import { startTemporaryDatabase } from "@/server/runtime/embedded-database";
import { createPostgresTestDatabase, DEFAULT_POSTGRES_URL } from "@/server/testing/db-global-setup";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openBenchDatabase({ databaseUrl, embedded }: { databaseUrl?: string; embedded: boolean }): Promise<{ url: string; label: string; drop(): Promise<void> }> {
  const serverUrl = databaseUrl ?? process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  if (!embedded && (await reachable(serverUrl))) {
    const database = await createPostgresTestDatabase(serverUrl);
    return { url: database.url, label: `PostgreSQL server (${new URL(serverUrl).host})`, drop: () => database.drop() };
  }
  const cluster = await startTemporaryDatabase("bench");
  return { url: cluster.url, label: "embedded PostgreSQL (throwaway cluster)", drop: () => cluster.stop() };
}
