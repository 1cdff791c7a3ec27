import { logger } from "@/server/logger";
import { purgeExpiredProtocolData } from "@/server/services/registrations/purge-expired-protocol-data";

export async function handlePurgeExpiredProtocolData(payload: { batchSize: number; maxBatches: number }): Promise<{ temporaryKeys: number; replayRecords: number }> {
  const result = await purgeExpiredProtocolData(payload);
  if (result.temporaryKeys + result.replayRecords > 0) logger.info("expired protocol data purged", result);
  return result;
}
