/**
 * Signing out ends every open session of that person, not only this browser's: the session version
 * is bumped, so a copied cookie is worthless afterwards. Only a session that is still current can
 * do it (its version must match), and the bump and its audit entry commit together.
 */
import type { StaffRole } from "@/generated/prisma/enums";
import { db } from "@/server/db";

import { recordAuditEvent } from "../audit/record-audit-event";

export async function signOutStaff({
  userId,
  email,
  role,
  sessionVersion,
}: {
  userId: string;
  email: string;
  role: StaffRole;
  sessionVersion: number;
}): Promise<{ ended: boolean }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({
      where: { id: userId, sessionVersion },
      data: { sessionVersion: { increment: 1 } },
    });
    if (count === 0) return { ended: false };
    await recordAuditEvent(tx, {
      actor: { type: "STAFF", id: userId, label: email, role },
      action: "staff.sign-out",
      targetType: "staff",
      targetId: userId,
    });
    return { ended: true };
  });
}
