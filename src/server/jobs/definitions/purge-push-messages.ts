import { z } from "@/schemas/zod";

import type { JobDefinition } from "../job-definition";

/** Every hour: push messages past their retention go, with their deliveries and attempts, in bounded batches. */
export const purgePushMessagesJob = {
  name: "maintenance.purge-push-messages",
  payload: z.object({ batchSize: z.number().int().min(1).max(1000).default(100), maxBatches: z.number().int().min(1).max(1000).default(50) }),
  queue: { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
  schedule: { cron: "17 * * * *", data: {} },
} satisfies JobDefinition;
