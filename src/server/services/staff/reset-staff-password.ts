/**
 * An administrator resets a staff member's password: a new one-time password, shown once, that must
 * be changed at the next sign-in; the member's open sessions end and a lockout is cleared.
 */
import { db } from "@/server/db";

import { generatePassword, hashPassword } from "@/server/security/password";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { loadStaffForChange } from "./load-staff-for-change";
import { STAFF_VIEW, staffSnapshot } from "./staff-view";

export async function resetStaffPassword({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, "staff.write");
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.$transaction(async (tx) => {
    const user = await loadStaffForChange(tx, id);
    const updated = await tx.staffUser.update({
      where: { id },
      data: {
        passwordHash,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        sessionVersion: { increment: 1 },
      },
      select: STAFF_VIEW,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "staff.password-reset",
      targetType: "staff",
      targetId: id,
      before: staffSnapshot(user),
      after: staffSnapshot(updated),
    });
    return { user: updated, temporaryPassword };
  });
}
