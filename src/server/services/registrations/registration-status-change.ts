/**
 * The shared steps of every service that changes a registration outside the hot signature check:
 * lock the row in the caller's transaction (so concurrent changes and key exchanges queue up
 * instead of overwriting each other), write the new status with its history row through
 * `recordRegistrationChange`, and add the staff audit entry when staff or the CLI acted.
 */
import type { OtpValidation, RegistrationStatus } from "@/generated/prisma/enums";
import { type DbTx, sqlOf } from "@/server/db";

import type { Actor } from "../access/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isStaffSide } from "./create-registration";
import { recordRegistrationChange } from "./registration-changes";
import { registrationScopeApplication, UUID_TEXT } from "./registration-views";

export interface LockedRegistrationRow {
  id: string;
  applicationId: string;
  userId: string;
  status: RegistrationStatus;
  expiresAt: Date;
  otpValidation: OtpValidation;
  otpHash: string | null;
  failedAttempts: number;
  maxFailedAttempts: number;
  flags: string[];
  blockedReason: string | null;
}

/**
 * `SELECT … FOR UPDATE` of one registration the actor may touch, or null (unknown, another
 * application's, or not an id at all: all look the same). REMOVED rows are returned; callers
 * decide what "removed" means for them.
 */
export async function lockRegistration(
  tx: DbTx,
  { actor, registrationId, applicationId }: { actor: Actor; registrationId: string; applicationId?: string | null },
): Promise<LockedRegistrationRow | null> {
  const scope = registrationScopeApplication(actor, applicationId);
  if (scope.impossible || !UUID_TEXT.test(registrationId)) return null;
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT id::text, application_id, user_id, status::text, expires_at, otp_validation::text, otp_hash, failed_attempts, max_failed_attempts, flags, blocked_reason
      FROM registration
     WHERE id = ${registrationId}::uuid AND (${scope.only}::text IS NULL OR application_id = ${scope.only}::text)
       FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: String(row.id),
    applicationId: String(row.application_id),
    userId: String(row.user_id),
    status: row.status as RegistrationStatus,
    expiresAt: row.expires_at as Date,
    otpValidation: row.otp_validation as OtpValidation,
    otpHash: (row.otp_hash as string | null) ?? null,
    failedAttempts: Number(row.failed_attempts),
    maxFailedAttempts: Number(row.max_failed_attempts),
    flags: row.flags as string[],
    blockedReason: (row.blocked_reason as string | null) ?? null,
  };
}

export interface StatusChange {
  to: RegistrationStatus;
  actor: Actor;
  /** The history row's reason (EXPIRED, OTP_MAX_FAILED_ATTEMPTS, a block reason…). */
  reason?: string | null;
  externalUserId?: string | null;
  /** Set (or clear with null) the block reason; left alone when undefined. */
  blockedReason?: string | null;
  /** Set the failed attempts (UNBLOCK resets them); left alone when undefined. */
  failedAttempts?: number;
}

/** Writes the status and its history row in the caller's transaction. */
export async function writeStatusChange(tx: DbTx, row: LockedRegistrationRow, change: StatusChange): Promise<void> {
  await tx.registration.update({
    where: { id: row.id },
    data: {
      status: change.to,
      lastChangedAt: new Date(),
      ...(change.blockedReason !== undefined ? { blockedReason: change.blockedReason } : {}),
      ...(change.failedAttempts !== undefined ? { failedAttempts: change.failedAttempts } : {}),
    },
  });
  await recordRegistrationChange(sqlOf(tx), {
    registrationId: row.id,
    applicationId: row.applicationId,
    userId: row.userId,
    from: row.status,
    to: change.to,
    reason: change.reason ?? null,
    actor: change.actor,
    externalUserId: change.externalUserId ?? null,
  });
}

/** Staff and CLI changes also go to the staff audit log (a bank backend's calls do not). */
export async function auditRegistrationChange(
  tx: DbTx,
  actor: Actor,
  row: LockedRegistrationRow,
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  if (!isStaffSide(actor)) return;
  await recordAuditEvent(tx, { actor, action, targetType: "registration", targetId: row.id, applicationId: row.applicationId, before, after });
}
