/**
 * One step of a message's fan-out: the next devices of its audience (in device id order, after
 * the message's cursor) become deliveries, their jobs are queued, and the cursor moves, all in the
 * caller's transaction. The message row is locked, so two runs of the same fan-out (a job that ran
 * again after its worker died) take turns and the second finds the cursor moved: no device gets
 * the message twice (the unique (message, device) key is the floor under that).
 *
 * Audiences: a user's devices, optionally only one registration's; every device of the
 * application (broadcast); one raw token (console test push: a delivery without a device).
 * Personal messages skip devices whose registration is not ACTIVE.
 */
import type { PushProvider } from "@/generated/prisma/enums";
import { hotTransaction, type SqlRunner } from "@/server/db";

import { enqueueDeliveries, prepareQueue } from "./push-delivery-queue";

export interface FanOutStepResult {
  /** Deliveries this step created. */
  created: number;
  /** Whether the audience is exhausted (the message is fanned out). */
  done: boolean;
}

export async function fanOutStep(sql: SqlRunner, messageId: string, limit: number): Promise<FanOutStepResult> {
  const [message] = await sql.query(
    `SELECT application_id, user_id, registration_id::text AS registration_id, broadcast, personal, test_token, test_platform::text AS test_platform, test_environment,
            fanout_cursor::text AS fanout_cursor, fanned_out_at
       FROM push_message WHERE id = $1::uuid FOR UPDATE`,
    [messageId],
  );
  if (!message || message.fanned_out_at) return { created: 0, done: true };

  if (message.test_token) {
    const rows = await sql.query(
      `INSERT INTO push_delivery (message_id, application_id, platform, environment, token)
       VALUES ($1::uuid, $2, $3::push_provider, $4, $5) RETURNING id::text AS id, platform::text AS platform`,
      [messageId, message.application_id, message.test_platform, message.test_environment, message.test_token],
    );
    await enqueueDeliveries(sql, rows as { id: string; platform: PushProvider }[]);
    await sql.query(`UPDATE push_message SET fanned_out_at = now(), device_count = 1 WHERE id = $1::uuid`, [messageId]);
    return { created: 1, done: true };
  }

  const [step] = await sql.query(
    `WITH picked AS (
       SELECT d.id, d.registration_id, d.user_id, d.platform, d.environment, d.token
         FROM push_device d
        WHERE d.application_id = $2 AND d.id > $3::bigint
          AND ($4::text IS NULL OR d.user_id = $4)
          AND ($5::uuid IS NULL OR d.registration_id = $5::uuid)
          AND (NOT $6::boolean OR d.status = 'ACTIVE')
        ORDER BY d.id
        LIMIT $7),
     created AS (
       INSERT INTO push_delivery (message_id, application_id, device_id, registration_id, user_id, platform, environment, token)
       SELECT $1::uuid, $2, id, registration_id, user_id, platform, environment, token FROM picked
       ON CONFLICT (message_id, device_id) DO NOTHING
       RETURNING id, platform)
     SELECT (SELECT count(*) FROM picked)::int AS picked, (SELECT max(id) FROM picked)::text AS last_id,
            COALESCE((SELECT json_agg(json_build_object('id', id, 'platform', platform)) FROM created), '[]'::json) AS created`,
    [messageId, message.application_id, message.fanout_cursor, message.broadcast ? null : message.user_id, message.registration_id, message.personal, limit],
  );
  const picked = Number(step!.picked);
  const created = (typeof step!.created === "string" ? JSON.parse(step!.created) : step!.created) as { id: string; platform: PushProvider }[];
  await enqueueDeliveries(sql, created);
  const done = picked < limit;
  await sql.query(
    `UPDATE push_message SET fanout_cursor = COALESCE($2::bigint, fanout_cursor), device_count = device_count + $3, fanned_out_at = CASE WHEN $4::boolean THEN now() END WHERE id = $1::uuid`,
    [messageId, step!.last_id ?? null, created.length, done],
  );
  return { created: created.length, done };
}

/** The whole fan-out, step by step, each step its own transaction (the fan-out job). */
export async function fanOutMessage(messageId: string, step: number): Promise<{ deliveries: number; steps: number }> {
  await prepareQueue();
  let deliveries = 0;
  let steps = 0;
  for (;;) {
    const result = await hotTransaction((sql) => fanOutStep(sql, messageId, step));
    deliveries += result.created;
    steps++;
    if (result.done) return { deliveries, steps };
  }
}
