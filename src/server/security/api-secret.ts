/**
 * Integration credential secrets. The REST API checks one on every request, so the stored form is
 * a keyed hash, HMAC-SHA256 under a server-side pepper (API_SECRET_PEPPER): about a microsecond to
 * check, yet useless to anyone who reads the database without the pepper. The secret is 32 random
 * bytes, so it needs no slow password hash.
 */
import crypto from "node:crypto";

import { getEnv } from "@/env";

let pepper: Buffer | undefined;

function getPepper(): Buffer {
  pepper ??= Buffer.from(getEnv().API_SECRET_PEPPER, "base64");
  return pepper;
}

export function generateApiSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashApiSecret(secret: string): string {
  return crypto.createHmac("sha256", getPepper()).update(secret, "utf8").digest("hex");
}

/** Two hex hashes compared in constant time (only the public length may short-circuit). */
export function hashesEqual(actualHex: string, storedHex: string): boolean {
  const actual = Buffer.from(actualHex, "hex");
  const expected = Buffer.from(storedHex, "hex");
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

export function verifyApiSecret(secret: string, storedHash: string): boolean {
  return hashesEqual(hashApiSecret(secret), storedHash);
}
