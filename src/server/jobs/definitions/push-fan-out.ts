import { z } from "@/schemas/zod";

import type { JobDefinition } from "../job-definition";

/**
 * Fan-out of a message with a wide audience (every device of an application) into deliveries,
 * in steps of FAN_OUT_STEP devices, each step one transaction that records its cursor and queues
 * its delivery jobs, so a run that dies resumes where the last step ended. Messages to one user
 * fan out inside the send request (a user has a few devices); both use the same step.
 */
export const pushFanOutJob = {
  name: "push.fan-out",
  payload: z.object({ messageId: z.uuid() }),
  queue: { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60, heartbeatSeconds: 10, notify: true },
} satisfies JobDefinition;

export const FAN_OUT_STEP = 5000;
