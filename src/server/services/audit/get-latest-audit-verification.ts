/**
 * The newest verification of the audit chain, for the console's integrity panel.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export async function getLatestAuditVerification({ actor }: { actor: Actor }) {
  assertCan(actor, "audit.read");
  const row = await db.auditVerification.findFirst({
    orderBy: { verifiedAt: "desc" },
    select: { verifiedAt: true, ok: true, entries: true, headId: true, headHash: true, brokenAtId: true, message: true, trigger: true },
  });
  return row && { ...row, headId: row.headId?.toString() ?? null, brokenAtId: row.brokenAtId?.toString() ?? null };
}
