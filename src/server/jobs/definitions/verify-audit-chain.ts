import { z } from "zod";

import type { JobDefinition } from "../job-definition";

/** Daily integrity check of the staff audit log's hash chain (result shown in the console). */
export const verifyAuditChainJob = {
  name: "maintenance.verify-audit-chain",
  payload: z.object({}),
  queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
  schedule: { cron: "17 3 * * *", data: {} },
} satisfies JobDefinition;
