/**
 * Retention of the push log on a real database: old messages go with their deliveries and
 * attempts; recent ones, and old ones with a delivery still to send, stay.
 */
import { expect, it } from "vitest";

import { db, hotTransaction } from "@/server/db";
import { makeApplication, testActor, uniqueId } from "@/server/testing/factories";
import { makeBulkPushDevices } from "@/server/testing/push-factories";

import { fromPushServerMessage } from "./push-message-rules";
import { purgeOldPushMessages } from "./purge-old-push-messages";
import { sendPushMessages } from "./send-push-messages";

it("deletes messages past their retention with their deliveries and attempts, keeps recent and unfinished ones", async () => {
  const app = await makeApplication();
  const user = uniqueId("retention");
  await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 3 });
  const send = async (n: number) =>
    (await sendPushMessages({ actor: testActor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: `${user}-${n}`, body: { title: `m${n}` } })] })).messages[0]!.messageId;
  const [old, unfinished, recent] = [await send(1), await send(2), await send(3)];
  await hotTransaction(async (sql) => {
    await sql.query(`UPDATE push_message SET created_at = now() - interval '100 days' WHERE id = ANY($1::uuid[])`, [[old, unfinished]]);
    // The old one is done (an attempt recorded); the unfinished one still waits for its retry.
    await sql.query(`UPDATE push_delivery SET status = 'SENT', attempts = 1 WHERE message_id = $1::uuid`, [old]);
    await sql.query(`INSERT INTO push_delivery_attempt (delivery_id, attempt, started_at, duration_ms, outcome, provider_status) SELECT id, 1, now(), 3, 'SENT', 200 FROM push_delivery WHERE message_id = $1::uuid`, [old]);
    await sql.query(`UPDATE push_delivery SET status = 'PENDING', attempts = 1, next_attempt_at = now() + interval '1 minute' WHERE message_id = $1::uuid`, [unfinished]);
  });
  const oldDelivery = await db.pushDelivery.findFirstOrThrow({ where: { messageId: old } });

  expect(await purgeOldPushMessages({ retentionDays: 90, batchSize: 1 })).toEqual({ messages: 1 });
  expect(await db.pushMessage.findMany({ where: { id: { in: [old, unfinished, recent] } }, select: { id: true } })).toEqual(expect.arrayContaining([{ id: unfinished }, { id: recent }]));
  expect(await db.pushMessage.count({ where: { id: old } })).toBe(0);
  expect(await db.pushDelivery.count({ where: { messageId: old } })).toBe(0);
  expect(await db.pushDeliveryAttempt.count({ where: { deliveryId: oldDelivery.id } })).toBe(0);
  expect(await purgeOldPushMessages({ retentionDays: 90 })).toEqual({ messages: 0 });
});
