import { logger } from "@/server/logger";
import { systemActor } from "@/server/services/access/actor";
import { expireRegistrations } from "@/server/services/registrations/expire-registrations";

export async function handleExpireRegistrations(payload: { batchSize: number; maxBatches: number }): Promise<{ expired: number; batches: number }> {
  const result = await expireRegistrations({ actor: systemActor("expiry"), batchSize: payload.batchSize, maxBatches: payload.maxBatches });
  if (result.expired > 0) logger.info("registrations expired", result);
  return result;
}
