/**
 * The hash chain of the staff audit log. Each entry stores the hash of the previous one and its own
 * hash over prevHash "\n" canonicalJson(entry). Canonical JSON sorts object keys and has no
 * whitespace; values are first normalised through a JSON round trip, so what was hashed is exactly
 * what PostgreSQL's jsonb gives back.
 *
 * Two versions:
 * - 2 (every entry written now): HMAC-SHA256 under AUDIT_CHAIN_KEY. The key lives in secrets.json
 *   or the environment, never in the database, so someone who can write the database cannot
 *   rewrite an entry and recompute the hashes after it.
 * - 1 (legacy): plain SHA-256, as the earlier version wrote every entry. Anyone can recompute it,
 *   so the verifier accepts it only as an unbroken prefix of the chain (see check-audit-chain.ts).
 */
import crypto from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export const LEGACY_HASH_VERSION = 1;
export const KEYED_HASH_VERSION = 2;
export type AuditHashVersion = typeof LEGACY_HASH_VERSION | typeof KEYED_HASH_VERSION;

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

/** Exactly the fields of `HashedAuditFields` (a stored row also has id and hashes, which must not enter). */
function hashInput(prevHash: string, fields: HashedAuditFields): string {
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
  return `${prevHash}\n${body}`;
}

/** The keyed hash of an entry written now (version 2). */
export function computeAuditHash(prevHash: string, fields: HashedAuditFields, key: Buffer): string {
  return crypto.createHmac("sha256", key).update(hashInput(prevHash, fields), "utf8").digest("hex");
}

/** The plain SHA-256 the earlier version wrote (version 1); only the verifier still computes it. */
export function computeLegacyAuditHash(prevHash: string, fields: HashedAuditFields): string {
  return crypto.createHash("sha256").update(hashInput(prevHash, fields), "utf8").digest("hex");
}
