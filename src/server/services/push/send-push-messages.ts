/**
 * The one send pipeline behind Cloud `POST /v2/messages/send`, Push Server `POST /push/message/send`
 * and `/push/message/batch/send` (api-reference/README.md "push send"): each message is stored,
 * fanned out to its user's devices and its delivery jobs queued, in one transaction; the queue's
 * workers send. ASYNCHRONOUS returns then; SYNCHRONOUS waits for every delivery's first answer
 * and returns the per-platform counts (push-server-api.txt "Send Message" response).
 *
 * Unlike the reference (issue #841: a user without devices silently gets nothing), each message's
 * result says how many devices it went to, and `NO_DEVICES` when none.
 */
import { hotTransaction } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { applicationNotFound } from "../applications/application-errors";
import { requireOwnApplication } from "./create-push-devices";
import { fanOutStep } from "./fan-out-push-message";
import { prepareQueue } from "./push-delivery-queue";
import { assertSendable, type PushMessageRequest, type PushOrigin } from "./push-message-rules";
import { waitForPushResults, type PushResultCounts } from "./wait-for-push-results";

export type PushSendMode = "SYNCHRONOUS" | "ASYNCHRONOUS";

export interface PushMessageOutcome {
  messageId: string;
  userId: string;
  activationId: string | null;
  devices: number;
  status: "QUEUED" | "NO_DEVICES";
}

export interface PushSendResult {
  mode: PushSendMode;
  messages: PushMessageOutcome[];
  /** SYNCHRONOUS only. */
  result?: PushResultCounts;
}

/** A user has a few devices; a step this large fans a user's message out in one go. */
const USER_FAN_OUT_STEP = 1000;

export async function sendPushMessages({ actor, appId, origin, messages, mode }: { actor: Actor; appId: string; origin: PushOrigin; messages: PushMessageRequest[]; mode: PushSendMode }): Promise<PushSendResult> {
  assertCan(actor, "push.send");
  const applicationId = requireOwnApplication(actor, appId);
  const now = Date.now();
  for (const message of messages) assertSendable(message, now);

  await prepareQueue();
  const outcomes = await hotTransaction(async (sql) => {
    const [application] = await sql.query(`SELECT id FROM application WHERE id = $1`, [applicationId]);
    if (!application) throw applicationNotFound(applicationId);
    const done: PushMessageOutcome[] = [];
    for (const message of messages) {
      if (message.registrationId) {
        const [registration] = await sql.query(`SELECT user_id FROM registration WHERE id = $1::uuid AND application_id = $2`, [message.registrationId, applicationId]);
        if (!registration || registration.user_id !== message.userId) {
          throw new AppError("ERROR_PUSH_MESSAGE", `Unable to send push message. Registration ${message.registrationId} is not associated with user ${message.userId}.`);
        }
      }
      const [row] = await sql.query(
        `INSERT INTO push_message (application_id, origin, sent_by, user_id, registration_id, priority, silent, personal, body)
         VALUES ($1, $2, $3, $4, $5::uuid, $6, $7, $8, $9::jsonb) RETURNING id::text AS id`,
        [applicationId, origin, actor.label, message.userId, message.registrationId, message.priority, message.silent, message.personal, JSON.stringify(message.body)],
      );
      const messageId = String(row!.id);
      let devices = 0;
      for (;;) {
        const step = await fanOutStep(sql, messageId, USER_FAN_OUT_STEP);
        devices += step.created;
        if (step.done) break;
      }
      done.push({ messageId, userId: message.userId, activationId: message.registrationId, devices, status: devices === 0 ? "NO_DEVICES" : "QUEUED" });
    }
    return done;
  });

  if (mode === "ASYNCHRONOUS") return { mode, messages: outcomes };
  const result = await waitForPushResults(outcomes.filter((outcome) => outcome.devices > 0).map((outcome) => outcome.messageId));
  return { mode, messages: outcomes, result };
}
