/**
 * The stored chain, read in id order in batches (a keyset walk: memory stays flat however long the
 * log is). Takes a client so a test can walk a chain it built inside a transaction.
 */
import type { Db, DbTx } from "@/server/db";

import type { ChainEntry } from "./check-audit-chain";

const BATCH = 1000;

const CHAIN_FIELDS = {
  id: true,
  createdAt: true,
  actorType: true,
  actorId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  applicationId: true,
  before: true,
  after: true,
  requestId: true,
  prevHash: true,
  hash: true,
  hashVersion: true,
} as const;

export async function* readAuditChain(client: Db | DbTx): AsyncGenerator<ChainEntry> {
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await client.auditEvent.findMany({
      where: cursor === undefined ? {} : { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: CHAIN_FIELDS,
    });
    yield* batch;
    if (batch.length < BATCH) return;
    cursor = batch[batch.length - 1]!.id;
  }
}

export function findAuditEntryIdByHash(client: Db | DbTx) {
  return async (hash: string): Promise<bigint | null> =>
    (await client.auditEvent.findUnique({ where: { hash }, select: { id: true } }))?.id ?? null;
}
