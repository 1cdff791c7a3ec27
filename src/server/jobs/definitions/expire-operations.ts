import { z } from "zod";

import type { JobDefinition } from "../job-definition";

/**
 * Every minute: PENDING operations past their expiry become EXPIRED with their history rows, in
 * bounded batches (the reference sweeps every 5 s, 100 per run; powerauth-products.md §1.4). Reads
 * already report such operations as EXPIRED, so the minute only delays the history row and its
 * subscribers; `POST /internal/callback/operation` expires one at once.
 */
export const expireOperationsJob = {
  name: "maintenance.expire-operations",
  payload: z.object({ batchSize: z.number().int().min(1).max(1000).default(100), maxBatches: z.number().int().min(1).max(1000).default(50) }),
  queue: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 5 * 60 },
  schedule: { cron: "* * * * *", data: {} },
} satisfies JobDefinition;
