/**
 * An administrator changes a staff member's role; the member's open sessions end. The last active
 * administrator cannot be demoted.
 */
import { db } from "@/server/db";

import type { StaffRole } from "@/generated/prisma/enums";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertAnotherActiveAdmin } from "./last-admin-guard";
import { loadStaffForChange } from "./load-staff-for-change";
import { STAFF_VIEW, staffSnapshot } from "./staff-view";

export async function setStaffRole({ actor, id, role }: { actor: Actor; id: string; role: StaffRole }) {
  assertCan(actor, "staff.write");
  return db.$transaction(async (tx) => {
    const user = await loadStaffForChange(tx, id);
    if (user.role === role) return user;
    if (user.role === "ADMINISTRATOR") await assertAnotherActiveAdmin(tx, id);
    const updated = await tx.staffUser.update({
      where: { id },
      data: { role, sessionVersion: { increment: 1 } },
      select: STAFF_VIEW,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "staff.role",
      targetType: "staff",
      targetId: id,
      before: staffSnapshot(user),
      after: staffSnapshot(updated),
    });
    return updated;
  });
}
