/**
 * One message of the console's message log: what was sent, and each delivery with every attempt
 * (what the provider answered, and when). A broadcast's deliveries are many: the first
 * MAX_DELIVERIES are listed, the counts cover all of them.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { shortToken } from "./list-push-devices";

const MAX_DELIVERIES = 200;

export async function getPushMessage({ actor, applicationId, messageId }: { actor: Actor; applicationId: string; messageId: string }) {
  assertCan(actor, "push.read");
  const message = await db.pushMessage.findFirst({
    where: { id: messageId, applicationId },
    select: { id: true, origin: true, sentBy: true, userId: true, registrationId: true, broadcast: true, testToken: true, testPlatform: true, priority: true, silent: true, personal: true, body: true, deviceCount: true, fannedOutAt: true, createdAt: true },
  });
  if (!message) throw new AppError("ERROR_NOT_FOUND", `Push message not found: ${messageId}`);
  const [deliveries, counts] = await Promise.all([
    db.pushDelivery.findMany({
      where: { messageId },
      orderBy: { createdAt: "asc" },
      take: MAX_DELIVERIES,
      select: {
        id: true,
        registrationId: true,
        userId: true,
        platform: true,
        environment: true,
        token: true,
        status: true,
        attempts: true,
        outcome: true,
        providerStatus: true,
        reason: true,
        providerMessageId: true,
        nextAttemptAt: true,
        updatedAt: true,
        deviceId: true,
        attemptsLog: { orderBy: { id: "asc" }, take: 20, select: { attempt: true, startedAt: true, durationMs: true, outcome: true, providerStatus: true, reason: true } },
      },
    }),
    db.pushDelivery.groupBy({ by: ["status"], where: { messageId }, _count: { _all: true } }),
  ]);
  const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  return {
    ...message,
    testToken: message.testToken ? shortToken(message.testToken) : null,
    counts: { sent: count("SENT"), failed: count("FAILED"), pending: count("PENDING") + count("SENDING"), total: counts.reduce((sum, row) => sum + row._count._all, 0) },
    // `attemptCount` counts every attempt; `attempts` lists the first 20 of them.
    deliveries: deliveries.map(({ token, deviceId, attemptsLog, attempts, ...row }) => ({ ...row, token: shortToken(token), deviceRemoved: deviceId === null && message.testToken === null, attempts: attemptsLog, attemptCount: attempts })),
    deliveriesShown: deliveries.length,
  };
}
