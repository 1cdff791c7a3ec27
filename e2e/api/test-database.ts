/**
 * Direct SQL against the running test server's database, for what no API can do: moving a row's
 * expiry into the past, so expiry rules can be tested without waiting minutes. Nothing else is
 * written this way; everything under test still goes through HTTP.
 */
import fs from "node:fs";
import path from "node:path";

import pg from "pg";

import { E2E } from "../e2e-settings";

function databaseUrl(): string {
  if (E2E.databaseUrl) return E2E.databaseUrl;
  // The embedded cluster of the data folder: its port from PostgreSQL's lock file, its password from secrets.json.
  const port = Number(fs.readFileSync(path.join(E2E.dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]);
  const password = JSON.parse(fs.readFileSync(path.join(E2E.dataDir, "secrets.json"), "utf8")).EMBEDDED_DATABASE_PASSWORD as string;
  return `postgresql://guardline:${encodeURIComponent(password)}@127.0.0.1:${port}/guardline?sslmode=disable`;
}

export async function sql(text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Makes a registration's expiry a second ago. */
export const expireRegistration = (registrationId: string) => sql("UPDATE registration SET expires_at = now() - interval '1 second' WHERE id = $1::uuid", [registrationId]);

/** Makes a 3.3 temporary key's expiry a second ago. */
export const expireTemporaryKey = (keyId: string) => sql("UPDATE temporary_key SET expires_at = now() - interval '1 second' WHERE id = $1::uuid", [keyId]);
