/**
 * Identifiers (§0 conventions): activation IDs, token IDs and temporary key IDs are random v4
 * UUIDs written as text. Incoming IDs are checked case-insensitively (the SDK test vectors use
 * upper case) and are never re-cased, because they enter ECIES associated data byte for byte (§5.1).
 */
import crypto from "node:crypto";

/** Version nibble 1–5 and variant [89ab], as the reference header validator checks (§10.4). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function randomUuid(): string {
  return crypto.randomUUID();
}
