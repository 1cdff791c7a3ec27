/**
 * The console's test push (issue 10 §1): one visible message to one raw token through the real
 * pipeline (queue, worker, provider), so staff can try a credential before any device registers,
 * or check one customer's token. Waits for the provider's first answer and returns it. The
 * audit row records who sent it and a shortened token, never the whole token.
 */
import { db, sqlOf } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { applicationNotFound } from "../applications/application-errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import { fanOutStep } from "./fan-out-push-message";
import { prepareQueue } from "./push-delivery-queue";
import { shortToken } from "./list-push-devices";
import { waitForPushResults } from "./wait-for-push-results";

const TEST_WAIT_MS = 20_000;

export async function sendTestPush({
  actor,
  applicationId,
  platform,
  token,
  environment,
  title,
  body,
}: {
  actor: Actor;
  applicationId: string;
  platform: "APNS" | "FCM" | "HMS";
  token: string;
  environment?: "development" | "production" | null;
  title: string;
  body: string;
}) {
  assertCan(actor, "push.send");
  await prepareQueue();
  // The message, its delivery job and the audit row commit together.
  const messageId = await db.$transaction(async (tx) => {
    const sql = sqlOf(tx);
    const [application] = await sql.query(`SELECT id FROM application WHERE id = $1`, [applicationId]);
    if (!application) throw applicationNotFound(applicationId);
    const [row] = await sql.query(
      `INSERT INTO push_message (application_id, origin, sent_by, test_token, test_platform, test_environment, priority, silent, personal, body)
       VALUES ($1, 'console', $2, $3, $4::push_provider, $5, 'HIGH', false, false, $6::jsonb) RETURNING id::text AS id`,
      [applicationId, actor.label, token, platform, platform === "APNS" ? (environment ?? null) : null, JSON.stringify({ title, body, sound: "default" })],
    );
    const id = String(row!.id);
    await fanOutStep(sql, id, 1);
    await recordAuditEvent(tx, { actor, action: "push.test", targetType: "push_message", targetId: id, applicationId, after: { platform, token: shortToken(token), environment: environment ?? null, title } });
    return id;
  });
  await waitForPushResults([messageId], TEST_WAIT_MS);
  const delivery = await db.pushDelivery.findFirst({ where: { messageId }, select: { status: true, outcome: true, providerStatus: true, reason: true, attempts: true } });
  return { messageId, status: delivery?.status ?? "PENDING", outcome: delivery?.outcome ?? null, providerStatus: delivery?.providerStatus ?? null, reason: delivery?.reason ?? null, attempts: delivery?.attempts ?? 0 };
}
