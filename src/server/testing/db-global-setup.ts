/**
 * One database per database-test run, migrated with the committed migrations:
 * - TEST_DB=embedded (default): a throwaway embedded PostgreSQL cluster in a temporary folder;
 * - TEST_DB=postgres: a fresh database on the PostgreSQL server at TEST_POSTGRES_URL
 *   (default postgresql://postgres@127.0.0.1:5432/postgres), dropped at the end.
 * The URL reaches the test workers through `provide` (see db-setup.ts).
 */
import crypto from "node:crypto";

import pg from "pg";
import type { TestProject } from "vitest/node";

import { applyMigrations } from "@/server/runtime/apply-migrations";
import { startTemporaryDatabase } from "@/server/runtime/embedded-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export async function createPostgresTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `guardline_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = process.env.TEST_DB ?? "embedded";
  if (kind === "postgres") {
    const database = await createPostgresTestDatabase(process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL);
    await applyMigrations(database.url);
    project.provide("databaseUrl", database.url);
    return () => database.drop();
  }
  const database = await startTemporaryDatabase("db-test");
  await applyMigrations(database.url);
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}
