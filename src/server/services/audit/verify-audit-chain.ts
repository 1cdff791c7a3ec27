/**
 * Verifies the whole audit chain (check-audit-chain.ts has the rules) against the heads earlier
 * verifications recorded: the furthest successful one in the database, and the head file in the
 * data folder. Stores the result with the head it saw, and moves the head file forward when the
 * chain is sound, so the next verification notices a cut-off tail even if the database's
 * verification rows were deleted with it.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { getAuditChainKey } from "./audit-chain-key";
import { AuditHeadFileError, getAuditHeadFilePath, readAuditHeadFile, writeAuditHeadFile } from "./audit-head-file";
import { type ChainAnchor, type ChainCheck, checkAuditChain } from "./check-audit-chain";
import { findAuditEntryIdByHash, readAuditChain } from "./read-audit-chain";

export interface AuditChainResult {
  ok: boolean;
  entries: number;
  /** Entries from before the chain key (plain SHA-256), at the start of the chain. */
  legacyEntries: number;
  headId: string | null;
  headHash: string | null;
  brokenAtId: string | null;
  message: string;
}

/** The furthest head a successful verification recorded (heads only grow in a sound chain). */
async function findRecordedHead(): Promise<ChainAnchor | null> {
  const row = await db.auditVerification.findFirst({
    where: { ok: true, headHash: { not: null }, entries: { gt: 0 } },
    orderBy: [{ entries: "desc" }, { verifiedAt: "desc" }],
    select: { verifiedAt: true, headId: true, headHash: true, entries: true },
  });
  return (
    row && {
      source: `the verification of ${row.verifiedAt.toISOString()}`,
      headId: row.headId,
      headHash: row.headHash!,
      entries: row.entries,
    }
  );
}

function describeResult(check: ChainCheck, anchors: readonly ChainAnchor[]): string {
  if (check.broken) {
    return `Audit chain is broken${check.broken.id === null ? "" : ` at entry ${check.broken.id}`}: ${check.broken.reason}.`;
  }
  const legacy = check.legacyEntries > 0 ? ` (the first ${check.legacyEntries} from before the chain key, with plain SHA-256)` : "";
  const heads = anchors.length > 0 ? `, and it still holds the head${anchors.length > 1 ? "s" : ""} recorded earlier` : "";
  return `Audit chain verified: ${check.entries} entries${legacy}, all links and hashes match${heads}.`;
}

export async function verifyAuditChain({
  actor,
  trigger,
  expectedHead,
}: {
  actor: Actor;
  trigger: string;
  /** A head the operator kept elsewhere (the CLI's --expect-head). */
  expectedHead?: { id: bigint; hash: string };
}): Promise<AuditChainResult> {
  assertCan(actor, "audit.verify");

  const headFile = getAuditHeadFilePath();
  const anchors: ChainAnchor[] = [];
  if (expectedHead) anchors.push({ source: "the head you gave", headId: expectedHead.id, headHash: expectedHead.hash, entries: null });
  const recorded = await findRecordedHead();
  if (recorded) anchors.push(recorded);

  let fileProblem: string | null = null;
  try {
    const fromFile = headFile ? readAuditHeadFile(headFile) : null;
    if (fromFile) anchors.push(fromFile);
  } catch (error) {
    if (!(error instanceof AuditHeadFileError)) throw error;
    fileProblem = error.message;
  }

  let check = await checkAuditChain(readAuditChain(db), { key: getAuditChainKey(), anchors, findIdByHash: findAuditEntryIdByHash(db) });
  if (check.ok && fileProblem) check = { ...check, ok: false, broken: { id: null, reason: fileProblem } };

  const result: AuditChainResult = {
    ok: check.ok,
    entries: check.entries,
    legacyEntries: check.legacyEntries,
    headId: check.head?.id.toString() ?? null,
    headHash: check.head?.hash ?? null,
    brokenAtId: check.broken?.id?.toString() ?? null,
    message: describeResult(check, anchors),
  };

  const stored = await db.auditVerification.create({
    data: {
      ok: result.ok,
      entries: result.entries,
      headId: check.head?.id ?? null,
      headHash: result.headHash,
      brokenAtId: check.broken?.id ?? null,
      message: result.message,
      trigger,
    },
    select: { verifiedAt: true },
  });
  if (check.ok && check.head && headFile) {
    writeAuditHeadFile(headFile, {
      headId: check.head.id.toString(),
      headHash: check.head.hash,
      entries: check.entries,
      verifiedAt: stored.verifiedAt.toISOString(),
    });
  }
  return result;
}
