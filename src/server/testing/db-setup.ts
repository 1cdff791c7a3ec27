/**
 * Runs in each database-test worker before the test files load: points the one database client at
 * the run's database and gives the run its own secrets and data folder (as a one-machine start
 * would), so nothing reads or writes the checkout's own `.data`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, inject } from "vitest";

const databaseUrl = inject("databaseUrl");
process.env.DATABASE_URL = databaseUrl;
process.env.DATABASE_POOL_SIZE ??= "3";
process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
process.env.SECRETS_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
process.env.API_SECRET_PEPPER ??= crypto.randomBytes(32).toString("base64");
// Every test file of a run writes to the same audit chain, so all of them need the same key; the
// run's database URL names a fresh database, which makes a key of its own for each run.
process.env.AUDIT_CHAIN_KEY ??= crypto.createHash("sha256").update(`guardline test audit chain key\n${databaseUrl}`).digest("base64");
process.env.LOG_LEVEL ??= "error";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-db-test-"));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
