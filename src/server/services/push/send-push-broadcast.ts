/**
 * A message to every device of an application (an announcement; the campaign engine builds on
 * it). The message is stored and its fan-out queued in one transaction; the fan-out job turns the
 * audience into deliveries in steps (fan-out-push-message.ts), so the call returns at once however
 * many devices there are.
 */
import { hotTransaction } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { applicationNotFound } from "../applications/application-errors";
import { enqueueFanOut, prepareQueue } from "./push-delivery-queue";
import { assertSendable, type PushMessageRequest, type PushOrigin } from "./push-message-rules";

export async function sendPushBroadcast({ actor, applicationId, origin, message }: { actor: Actor; applicationId: string; origin: PushOrigin; message: Omit<PushMessageRequest, "userId" | "registrationId"> }): Promise<{ messageId: string }> {
  assertCan(actor, "push.broadcast");
  assertSendable({ ...message, userId: "(every user)", registrationId: null });
  await prepareQueue();
  return hotTransaction(async (sql) => {
    const [application] = await sql.query(`SELECT id FROM application WHERE id = $1`, [applicationId]);
    if (!application) throw applicationNotFound(applicationId);
    const [row] = await sql.query(
      `INSERT INTO push_message (application_id, origin, sent_by, broadcast, priority, silent, personal, body)
       VALUES ($1, $2, $3, true, $4, $5, $6, $7::jsonb) RETURNING id::text AS id`,
      [applicationId, origin, actor.label, message.priority, message.silent, message.personal, JSON.stringify(message.body)],
    );
    const messageId = String(row!.id);
    await enqueueFanOut(sql, messageId);
    return { messageId };
  });
}
