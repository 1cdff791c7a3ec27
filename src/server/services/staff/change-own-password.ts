/**
 * A staff member changes their own password (required after an invite or a reset). The current
 * password must be given; the new one must follow the password rules and differ from it.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { passwordProblem } from "@/schemas/password-policy";
import { hashPassword, verifyPassword } from "@/server/security/password";

import type { Actor } from "../access/actor";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function changeOwnPassword({
  actor,
  currentPassword,
  newPassword,
}: {
  actor: Actor;
  currentPassword: string;
  newPassword: string;
}): Promise<{ sessionVersion: number }> {
  if (actor.type !== "STAFF") throw new AppError("ERROR_REQUEST", "Only staff members have a console password");
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError("ERROR_REQUEST", `The new password ${problem}`);
  if (newPassword === currentPassword) throw new AppError("ERROR_REQUEST", "The new password must differ from the current one");

  const user = await db.staffUser.findUnique({ where: { id: actor.id } });
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    // The violation lets the console put the message on the field it concerns.
    throw new AppError("ERROR_REQUEST", "The current password is not correct", {
      violations: [{ fieldName: "currentPassword", hint: "is not correct" }],
    });
  }
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    const updated = await tx.staffUser.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await recordAuditEvent(tx, { actor, action: "staff.password-change", targetType: "staff", targetId: actor.id });
    return updated;
  });
}
