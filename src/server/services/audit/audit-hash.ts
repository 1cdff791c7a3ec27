/**
 * The hash chain of the staff audit log. Each entry stores the hash of the previous one and its own
 * hash = SHA-256(prevHash "\n" canonicalJson(entry)). Canonical JSON sorts object keys and has no
 * whitespace; values are first normalised through a JSON round trip, so what was hashed is exactly
 * what PostgreSQL's jsonb gives back.
 */
import crypto from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface HashedAuditFields {
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  applicationId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** Normalises a value through JSON (Dates become ISO strings, undefined members disappear). */
export function normalizeJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
}

/** Hashes exactly the fields of `HashedAuditFields` (a stored row also has id and hashes, which must not enter). */
export function computeAuditHash(prevHash: string, fields: HashedAuditFields): string {
  const body = canonicalJson({
    createdAt: fields.createdAt.toISOString(),
    actorType: fields.actorType,
    actorId: fields.actorId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    applicationId: fields.applicationId,
    before: normalizeJson(fields.before),
    after: normalizeJson(fields.after),
    requestId: fields.requestId,
  });
  return crypto.createHash("sha256").update(`${prevHash}\n${body}`, "utf8").digest("hex");
}
