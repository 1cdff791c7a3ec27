import { z } from "zod";

import type { JobDefinition } from "../job-definition";

/** Every five minutes: expired 3.3 temporary keys and replay records are deleted, in bounded batches. */
export const purgeExpiredProtocolDataJob = {
  name: "maintenance.purge-expired-protocol-data",
  payload: z.object({ batchSize: z.number().int().min(1).max(10_000).default(1000), maxBatches: z.number().int().min(1).max(1000).default(50) }),
  queue: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
  schedule: { cron: "*/5 * * * *", data: {} },
} satisfies JobDefinition;
