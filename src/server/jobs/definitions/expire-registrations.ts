import { z } from "zod";

import type { JobDefinition } from "../job-definition";

/**
 * Every minute: registrations left CREATED or PENDING_COMMIT past their expiry become REMOVED
 * (protocol §4), in bounded batches. A run that finds a backlog stops after its batches and the
 * next run continues, so one run never holds the queue for long.
 */
export const expireRegistrationsJob = {
  name: "maintenance.expire-registrations",
  payload: z.object({ batchSize: z.number().int().min(1).max(1000).default(100), maxBatches: z.number().int().min(1).max(1000).default(50) }),
  queue: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 5 * 60 },
  schedule: { cron: "* * * * *", data: {} },
} satisfies JobDefinition;
