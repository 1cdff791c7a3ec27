/**
 * Adds a staff member with a one-time password that the inviting administrator passes on; the new
 * member must choose their own password at first sign-in. (No e-mail is sent: the product runs
 * without an outbound mail dependency.)
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { generatePassword, hashPassword } from "@/server/security/password";
import type { StaffRole } from "@/generated/prisma/enums";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { STAFF_VIEW, staffSnapshot } from "./staff-view";

export async function inviteStaff({
  actor,
  email,
  name,
  role,
}: {
  actor: Actor;
  email: string;
  name: string;
  role: StaffRole;
}) {
  assertCan(actor, "staff.write");
  const normalizedEmail = email.trim().toLowerCase();
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.$transaction(async (tx) => {
    if (await tx.staffUser.findUnique({ where: { email: normalizedEmail }, select: { id: true } })) {
      throw new AppError("ERROR_CONFLICT", `A staff member with e-mail ${normalizedEmail} already exists`);
    }
    const user = await tx.staffUser.create({
      data: { email: normalizedEmail, name: name.trim(), role, passwordHash, mustChangePassword: true },
      select: STAFF_VIEW,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "staff.invite",
      targetType: "staff",
      targetId: user.id,
      after: staffSnapshot(user),
    });
    return { user, temporaryPassword };
  });
}
