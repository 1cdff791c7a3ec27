import { z } from "@/schemas/zod";
import type { PushProvider } from "@/generated/prisma/enums";

import type { JobDefinition } from "../job-definition";

/**
 * Delivery to one provider, a batch of deliveries per run (ARCHITECTURE.md "Queue and scale"):
 * one queue per provider, so a slow or failing provider never holds up the others. A run takes
 * its deliveries with a lease (a second run of the same job finds nothing to do), sends them with
 * their fixed `apns-id`, and records each attempt; transient failures come back as new jobs
 * scheduled after their backoff. A run whose worker died returns after the heartbeat.
 */
const payload = z.object({ deliveryIds: z.array(z.uuid()).min(1).max(1000) });

const definition = (provider: string) =>
  ({
    name: `push.deliver-${provider}`,
    payload,
    queue: { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60, heartbeatSeconds: 10, notify: true },
    localConcurrency: 3,
    fetchBatch: 2,
  }) satisfies JobDefinition;

export const pushDeliverJobs: Record<PushProvider, JobDefinition<typeof payload>> = {
  APNS: definition("apns"),
  FCM: definition("fcm"),
  HMS: definition("hms"),
};

/** How many deliveries one run takes (the fan-out cuts its jobs to this size). */
export const DELIVERY_BATCH_SIZE = 500;
