/**
 * Writes one audit entry inside the caller's transaction, so a change and its record commit or
 * roll back together. A transaction-scoped advisory lock serialises writers: the entry reads the
 * previous hash and inserts its own before anyone else can, so the chain stays linear under any
 * number of app instances, and ids (taken inside the lock) follow the chain. UNIQUE(prev_hash)
 * refuses a second entry after the same one even if a writer skipped the lock. The hash is keyed
 * (audit-hash.ts): rewriting an entry and the ones after it needs AUDIT_CHAIN_KEY.
 */
import type { DbTx } from "@/server/db";
import { getRequestContext } from "@/server/logger";

import type { Actor } from "../access/actor";
import { getAuditChainKey } from "./audit-chain-key";
import { computeAuditHash, GENESIS_HASH, KEYED_HASH_VERSION, normalizeJson } from "./audit-hash";

/** Arbitrary constant that names the audit chain's advisory lock. */
const AUDIT_CHAIN_LOCK = 7_310_001;

export interface AuditInput {
  actor: Actor;
  /** `<area>.<verb>`, e.g. `application.create`, `credential.revoke`. */
  action: string;
  targetType: string;
  targetId: string;
  applicationId?: string | null;
  /** Snapshots without secrets. */
  before?: unknown;
  after?: unknown;
}

export async function recordAuditEvent(tx: DbTx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const previous = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = previous?.hash ?? GENESIS_HASH;

  const fields = {
    createdAt: new Date(),
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    applicationId: input.applicationId ?? null,
    before: normalizeJson(input.before),
    after: normalizeJson(input.after),
    requestId: getRequestContext()?.requestId ?? null,
  };
  const hash = computeAuditHash(prevHash, fields, getAuditChainKey());

  await tx.auditEvent.create({
    data: {
      ...fields,
      before: fields.before ?? undefined,
      after: fields.after ?? undefined,
      prevHash,
      hash,
      hashVersion: KEYED_HASH_VERSION,
    },
  });
}
