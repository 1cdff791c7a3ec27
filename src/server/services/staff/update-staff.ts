/**
 * Administrators change a staff member's role, disable or re-enable them, or reset their password
 * (a new one-time password, shown once). Each change ends the member's open sessions.
 */
import type { DbTx } from "@/server/db";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { generatePassword, hashPassword } from "@/server/security/password";
import type { StaffRole } from "@/generated/prisma/enums";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertAnotherActiveAdmin } from "./last-admin-guard";
import { STAFF_VIEW, staffSnapshot } from "./staff-view";

async function loadStaff(tx: DbTx, id: string) {
  const user = await tx.staffUser.findUnique({ where: { id }, select: STAFF_VIEW });
  if (!user) throw new AppError("ERROR_NOT_FOUND", "Staff member not found");
  return user;
}

export async function setStaffRole({ actor, id, role }: { actor: Actor; id: string; role: StaffRole }) {
  assertCan(actor, "staff.write");
  return db.$transaction(async (tx) => {
    const user = await loadStaff(tx, id);
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

export async function setStaffDisabled({ actor, id, disabled }: { actor: Actor; id: string; disabled: boolean }) {
  assertCan(actor, "staff.write");
  return db.$transaction(async (tx) => {
    const user = await loadStaff(tx, id);
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

export async function resetStaffPassword({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, "staff.write");
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.$transaction(async (tx) => {
    const user = await loadStaff(tx, id);
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
