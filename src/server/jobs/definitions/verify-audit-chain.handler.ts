import { logger } from "@/server/logger";
import { systemActor } from "@/server/services/access/actor";
import { verifyAuditChain } from "@/server/services/audit/verify-audit-chain";

export async function handleVerifyAuditChain(): Promise<{ ok: boolean; entries: number }> {
  const result = await verifyAuditChain({ actor: systemActor("scheduler"), trigger: "schedule" });
  // The head in the log too: a log collector off this machine is a good place to keep heads.
  if (result.ok) logger.info("audit chain verified", { entries: result.entries, head: result.headId && `${result.headId}:${result.headHash}` });
  else logger.error("AUDIT CHAIN BROKEN", { message: result.message, brokenAtId: result.brokenAtId });
  return { ok: result.ok, entries: result.entries };
}
