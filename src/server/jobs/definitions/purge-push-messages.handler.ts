import { logger } from "@/server/logger";
import { purgeOldPushMessages } from "@/server/services/push/purge-old-push-messages";

export async function handlePurgePushMessages(payload: { batchSize: number; maxBatches: number }): Promise<{ messages: number }> {
  const result = await purgeOldPushMessages(payload);
  if (result.messages > 0) logger.info("old push messages purged", result);
  return result;
}
