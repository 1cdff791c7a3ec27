/**
 * Push that follows operations, as PowerAuth Cloud sends it (reference §1.4 "Push side effects in
 * Cloud"; the Mobile Token SDK reads these extras): a new operation wakes the user's app with a
 * visible notification (the template's title and message, in the operation's language) and
 * `messageType: mtoken.operationInit`; a finished one sends a silent `mtoken.operationFinished`
 * with `mtokenOperationResult`, so the app can close its approval screen. Both carry
 * `operationId` and `operationName`; the finish also the registration that acted.
 *
 * It runs as an operation-change subscriber, inside the change's own transaction: the message and
 * its deliveries commit with the operation or not at all. Only users with an ACTIVE device get one
 * (no message rows for users who never registered a push token); delivery is the pipeline's.
 */
import type { OperationStatus } from "@/generated/prisma/enums";
import type { TemplateTexts } from "@/schemas/templates";
import type { SqlRunner } from "@/server/db";

import type { OperationChange } from "../operations/operation-changes";
import { renderFormData } from "../operations/mobile-operation-view";
import { fanOutStep } from "./fan-out-push-message";

/** `mtokenOperationResult` per final status (Cloud's values). */
const RESULTS: Partial<Record<OperationStatus, string>> = {
  APPROVED: "authentication.success",
  FAILED: "authentication.fail",
  REJECTED: "authentication.fail",
  EXPIRED: "operation.timeout",
  CANCELED: "operation.canceled",
};

export async function pushOperationChange(sql: SqlRunner, change: OperationChange): Promise<void> {
  if (!change.userId) return;
  const created = change.from === null;
  const result = !created && change.from !== change.to ? RESULTS[change.to] : undefined;
  if (!created && !result) return;
  const [device] = await sql.query(`SELECT 1 AS found FROM push_device WHERE application_id = $1 AND user_id = $2 AND status = 'ACTIVE' LIMIT 1`, [change.applicationId, change.userId]);
  if (!device) return;
  const [operation] = await sql.query(
    `SELECT o.operation_type, o.parameters, o.language, t.texts FROM operation o JOIN operation_template t ON t.id = o.template_id WHERE o.id = $1::uuid`,
    [change.operationId],
  );
  if (!operation) return;
  const extras = { operationId: change.operationId, operationName: String(operation.operation_type) };
  let body: Record<string, unknown>;
  if (created) {
    const parameters = Object.fromEntries(Object.entries((operation.parameters ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
    const texts = renderFormData((operation.texts ?? {}) as Record<string, TemplateTexts>, parameters, null, String(operation.language));
    body = { title: texts.title, body: texts.message, sound: "default", extras: { messageType: "mtoken.operationInit", ...extras } };
  } else {
    body = { extras: { messageType: "mtoken.operationFinished", mtokenOperationResult: result, ...extras, ...(change.registrationId ? { activationId: change.registrationId } : {}) } };
  }
  const [row] = await sql.query(
    `INSERT INTO push_message (application_id, origin, sent_by, user_id, priority, silent, personal, body)
     VALUES ($1, 'operation', $2, $3, 'HIGH', $4, true, $5::jsonb) RETURNING id::text AS id`,
    [change.applicationId, change.actor.label, change.userId, !created, JSON.stringify(body)],
  );
  for (;;) {
    const step = await fanOutStep(sql, String(row!.id), 1000);
    if (step.done) return;
  }
}
