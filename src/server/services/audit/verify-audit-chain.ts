/**
 * Walks the whole audit chain in id order and recomputes every hash. Any edit, insertion or
 * deletion inside the chain breaks a link or a hash; the result names the first bad entry. The
 * head hash and the count are returned (and stored) so operators can anchor them elsewhere, which
 * also reveals a truncated tail.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { computeAuditHash, GENESIS_HASH } from "./audit-hash";

export interface AuditChainResult {
  ok: boolean;
  entries: number;
  headHash: string | null;
  brokenAtId: string | null;
  message: string;
}

const BATCH = 1000;

export async function verifyAuditChain({ actor, trigger }: { actor: Actor; trigger: string }): Promise<AuditChainResult> {
  assertCan(actor, "audit.verify");

  let prevHash = GENESIS_HASH;
  let entries = 0;
  let cursor: bigint | undefined;
  let broken: { id: bigint; reason: string } | undefined;

  outer: for (;;) {
    const batch = await db.auditEvent.findMany({
      where: cursor === undefined ? {} : { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    for (const event of batch) {
      if (event.prevHash !== prevHash) {
        broken = { id: event.id, reason: "its link to the previous entry does not match (an entry was removed or inserted)" };
        break outer;
      }
      const expected = computeAuditHash(prevHash, event);
      if (expected !== event.hash) {
        broken = { id: event.id, reason: "its content does not match its hash (the entry was changed)" };
        break outer;
      }
      prevHash = event.hash;
      entries++;
    }
    cursor = batch[batch.length - 1]!.id;
  }

  const result: AuditChainResult = broken
    ? {
        ok: false,
        entries,
        headHash: entries > 0 ? prevHash : null,
        brokenAtId: broken.id.toString(),
        message: `Audit chain is broken at entry ${broken.id}: ${broken.reason}.`,
      }
    : {
        ok: true,
        entries,
        headHash: entries > 0 ? prevHash : null,
        brokenAtId: null,
        message: `Audit chain verified: ${entries} entries, all links and hashes match.`,
      };

  await db.auditVerification.create({
    data: {
      ok: result.ok,
      entries: result.entries,
      headHash: result.headHash,
      brokenAtId: broken?.id ?? null,
      message: result.message,
      trigger,
    },
  });
  return result;
}
