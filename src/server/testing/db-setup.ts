/**
 * Runs in each database-test worker before the test files load: points the one database client at
 * the run's database and gives the run its own secrets (as a one-machine start would).
 */
import crypto from "node:crypto";

import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_SIZE ??= "3";
process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
process.env.SECRETS_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
process.env.API_SECRET_PEPPER ??= crypto.randomBytes(32).toString("base64");
process.env.LOG_LEVEL ??= "error";
