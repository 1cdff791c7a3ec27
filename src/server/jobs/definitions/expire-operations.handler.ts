import { logger } from "@/server/logger";
import { systemActor } from "@/server/services/access/actor";
import { expireOperations } from "@/server/services/operations/expire-operations";

export async function handleExpireOperations(payload: { batchSize: number; maxBatches: number }): Promise<{ expired: number; batches: number }> {
  const result = await expireOperations({ actor: systemActor("expiry"), batchSize: payload.batchSize, maxBatches: payload.maxBatches });
  if (result.expired > 0) logger.info("operations expired", result);
  return result;
}
