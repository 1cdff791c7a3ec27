/** Every job the product runs, with its handler. Later areas add theirs here. */
import type { z } from "zod";

import type { JobDefinition, JobRegistration } from "./job-definition";
import { expireOperationsJob } from "./definitions/expire-operations";
import { handleExpireOperations } from "./definitions/expire-operations.handler";
import { expireRegistrationsJob } from "./definitions/expire-registrations";
import { handleExpireRegistrations } from "./definitions/expire-registrations.handler";
import { pushDeliverJobs } from "./definitions/push-deliver";
import { handlePushDeliver } from "./definitions/push-deliver.handler";
import { pushFanOutJob } from "./definitions/push-fan-out";
import { handlePushFanOut } from "./definitions/push-fan-out.handler";
import { purgePushMessagesJob } from "./definitions/purge-push-messages";
import { handlePurgePushMessages } from "./definitions/purge-push-messages.handler";
import { purgeExpiredProtocolDataJob } from "./definitions/purge-expired-protocol-data";
import { handlePurgeExpiredProtocolData } from "./definitions/purge-expired-protocol-data.handler";
import { verifyAuditChainJob } from "./definitions/verify-audit-chain";
import { handleVerifyAuditChain } from "./definitions/verify-audit-chain.handler";

/**
 * Pairs a definition with a handler typed by its payload contract. The list holds them untyped:
 * `runJob` parses every payload with its own definition before the handler sees it.
 */
function job<T extends z.ZodType>(definition: JobDefinition<T>, handler: JobRegistration<T>["handler"]): JobRegistration {
  return { definition, handler } as unknown as JobRegistration;
}

export const JOBS: JobRegistration[] = [
  job(verifyAuditChainJob, handleVerifyAuditChain),
  // Registrations and the mobile protocol
  job(expireRegistrationsJob, handleExpireRegistrations),
  job(purgeExpiredProtocolDataJob, handlePurgeExpiredProtocolData),
  // Operations
  job(expireOperationsJob, handleExpireOperations),
  // Push: fan-out of wide audiences, then delivery per provider
  job(pushFanOutJob, handlePushFanOut),
  job(pushDeliverJobs.APNS, handlePushDeliver("APNS")),
  job(pushDeliverJobs.FCM, handlePushDeliver("FCM")),
  job(pushDeliverJobs.HMS, handlePushDeliver("HMS")),
  job(purgePushMessagesJob, handlePurgePushMessages),
];
