import { logger } from "@/server/logger";
import { systemActor } from "@/server/services/access/actor";
import { verifyAuditChain } from "@/server/services/audit/verify-audit-chain";

export async function handleVerifyAuditChain(): Promise<{ ok: boolean; entries: number }> {
  const result = await verifyAuditChain({ actor: systemActor("scheduler"), trigger: "schedule" });
  if (result.ok) logger.info("audit chain verified", { entries: result.entries });
  else logger.error("AUDIT CHAIN BROKEN", { message: result.message, brokenAtId: result.brokenAtId });
  return { ok: result.ok, entries: result.entries };
}
