/**
 * An administrator disables a staff member (their open sessions end) or enables them again (which
 * also clears a lockout). The last active administrator cannot be disabled.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertAnotherActiveAdmin } from "./last-admin-guard";
import { loadStaffForChange } from "./load-staff-for-change";
import { STAFF_VIEW, staffSnapshot } from "./staff-view";

export async function setStaffDisabled({ actor, id, disabled }: { actor: Actor; id: string; disabled: boolean }) {
  assertCan(actor, "staff.write");
  return db.$transaction(async (tx) => {
    const user = await loadStaffForChange(tx, id);
    if ((user.disabledAt !== null) === disabled) return user;
    if (disabled && user.role === "ADMINISTRATOR") await assertAnotherActiveAdmin(tx, id);
    const updated = await tx.staffUser.update({
      where: { id },
      data: disabled
        ? { disabledAt: new Date(), sessionVersion: { increment: 1 } }
        : { disabledAt: null, failedLoginCount: 0, lockedUntil: null },
      select: STAFF_VIEW,
    });
    await recordAuditEvent(tx, {
      actor,
      action: disabled ? "staff.disable" : "staff.enable",
      targetType: "staff",
      targetId: id,
      before: staffSnapshot(user),
      after: staffSnapshot(updated),
    });
    return updated;
  });
}
