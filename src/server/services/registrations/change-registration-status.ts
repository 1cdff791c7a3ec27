/**
 * Blocks, unblocks or removes a registration (Cloud `PUT /v2/registrations/{registrationId}` and
 * `DELETE …`; the console's actions), per the documented table in `registration-transitions.ts`.
 * BLOCK records the reason (`NOT_SPECIFIED` unless given); UNBLOCK clears it and resets the failed
 * attempts (protocol §4); REMOVE is final. A REMOVED or foreign registration is not found.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { auditRegistrationChange, lockRegistration, writeStatusChange, type StatusChange } from "./registration-status-change";
import { applyChange, DEFAULT_BLOCK_REASON, registrationNotFound, type RegistrationChangeKind } from "./registration-transitions";

const ACTION: Record<RegistrationChangeKind, string> = { BLOCK: "registration.block", UNBLOCK: "registration.unblock", REMOVE: "registration.remove" };

export async function changeRegistrationStatus({
  actor,
  registrationId,
  applicationId,
  change,
  blockReason,
  externalUserId,
}: {
  actor: Actor;
  registrationId: string;
  applicationId?: string | null;
  change: RegistrationChangeKind;
  /** BLOCK only; ignored for the other changes. */
  blockReason?: string;
  externalUserId?: string;
}): Promise<{ registrationId: string; status: ReturnType<typeof applyChange> }> {
  assertCan(actor, "registrations.write");
  return db.$transaction(async (tx) => {
    const row = await lockRegistration(tx, { actor, registrationId, applicationId });
    if (!row || row.status === "REMOVED") throw registrationNotFound("Registration not found for state change");
    const to = applyChange(row.status, change);

    const update: StatusChange =
      change === "BLOCK"
        ? { to, actor, externalUserId, reason: blockReason ?? DEFAULT_BLOCK_REASON, blockedReason: blockReason ?? DEFAULT_BLOCK_REASON }
        : change === "UNBLOCK"
          ? { to, actor, externalUserId, blockedReason: null, failedAttempts: 0 }
          : { to, actor, externalUserId };
    await writeStatusChange(tx, row, update);
    await auditRegistrationChange(
      tx,
      actor,
      row,
      ACTION[change],
      { status: row.status, blockedReason: row.blockedReason, failedAttempts: row.failedAttempts },
      {
        status: to,
        ...(update.blockedReason !== undefined ? { blockedReason: update.blockedReason } : {}),
        ...(update.failedAttempts !== undefined ? { failedAttempts: update.failedAttempts } : {}),
        externalUserId: externalUserId ?? null,
      },
    );
    return { registrationId: row.id, status: to };
  });
}
