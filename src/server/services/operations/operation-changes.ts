/**
 * The one mechanism every operation change goes through, like `registration-changes.ts`: a history
 * row in the same transaction as the change (create, approve, a failed approval attempt, reject,
 * cancel, expiry, failure at the limit, a claim), then each subscriber, still inside that
 * transaction, so callbacks and push (later areas) can never disagree with the operation's state.
 * Works in a Prisma transaction (`sqlOf(tx)`) and in a hot transaction alike.
 *
 * Subscribers are listed in `OPERATION_CHANGE_SUBSCRIBERS`; a later area adds its own there.
 */
import type { OperationStatus } from "@/generated/prisma/enums";
import type { SqlRunner } from "@/server/db";

import type { Actor } from "../access/actor";
import { pushOperationChange } from "../push/push-operation-change";

export interface OperationChange {
  operationId: string;
  applicationId: string;
  userId: string | null;
  /** Null when the operation is created. */
  from: OperationStatus | null;
  /** The same as `from` for a change that keeps the status (APPROVAL_FAILED, CLAIMED). */
  to: OperationStatus;
  /** APPROVAL_FAILED, EXPIRED, CLAIMED, the user's rejection reason… */
  reason?: string | null;
  /** The registration that acted (approved, rejected, failed), when one did. */
  registrationId?: string | null;
  actor: Actor;
}

export type OperationChangeSubscriber = (sql: SqlRunner, change: OperationChange) => Promise<void>;

/** Who follows operation state: push (Cloud's mtoken.operationInit / operationFinished); later callbacks. */
export const OPERATION_CHANGE_SUBSCRIBERS: OperationChangeSubscriber[] = [pushOperationChange];

export async function recordOperationChange(sql: SqlRunner, change: OperationChange): Promise<void> {
  await sql.query(
    `INSERT INTO operation_history (operation_id, application_id, user_id, from_status, to_status, reason, registration_id, actor_type, actor_label)
     VALUES ($1::uuid, $2, $3, $4::operation_status, $5::operation_status, $6, $7::uuid, $8::actor_type, $9)`,
    [change.operationId, change.applicationId, change.userId, change.from, change.to, change.reason ?? null, change.registrationId ?? null, change.actor.type, change.actor.label],
  );
  for (const subscriber of OPERATION_CHANGE_SUBSCRIBERS) await subscriber(sql, change);
}
