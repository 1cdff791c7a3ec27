/**
 * The one mechanism every registration status change goes through: a history row written in the
 * same transaction as the change, then each subscriber, still inside that transaction (so push
 * devices, callbacks and anything else that follows registration state can never disagree with
 * it). Works in a Prisma transaction (`sqlOf(tx)`) and in a hot transaction alike.
 *
 * Subscribers are listed in `REGISTRATION_CHANGE_SUBSCRIBERS`; a later area adds its own there.
 */
import type { RegistrationStatus } from "@/generated/prisma/enums";
import type { SqlRunner } from "@/server/db";

import type { Actor } from "../access/actor";
import { followRegistrationChange } from "../push/follow-registration-change";

export interface RegistrationChange {
  registrationId: string;
  applicationId: string;
  userId: string;
  /** Null when the registration is created. */
  from: RegistrationStatus | null;
  to: RegistrationStatus;
  /** Why: MAX_FAILED_ATTEMPTS, OTP_FAILED_ATTEMPT, EXPIRED, a block reason… */
  reason?: string | null;
  actor: Actor;
  externalUserId?: string | null;
}

export type RegistrationChangeSubscriber = (sql: SqlRunner, change: RegistrationChange) => Promise<void>;

/** Who follows registration state: push devices (later: callbacks). */
export const REGISTRATION_CHANGE_SUBSCRIBERS: RegistrationChangeSubscriber[] = [followRegistrationChange];

export async function recordRegistrationChange(sql: SqlRunner, change: RegistrationChange): Promise<void> {
  await sql.query(
    `INSERT INTO registration_history (registration_id, application_id, user_id, from_status, to_status, reason, actor_type, actor_label, external_user_id)
     VALUES ($1::uuid, $2, $3, $4::registration_status, $5::registration_status, $6, $7::actor_type, $8, $9)`,
    [change.registrationId, change.applicationId, change.userId, change.from, change.to, change.reason ?? null, change.actor.type, change.actor.label, change.externalUserId ?? null],
  );
  for (const subscriber of REGISTRATION_CHANGE_SUBSCRIBERS) await subscriber(sql, change);
}
