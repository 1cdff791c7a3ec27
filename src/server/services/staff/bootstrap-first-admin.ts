/**
 * On first start (no staff at all) creates the first administrator, from ADMIN_EMAIL and
 * ADMIN_PASSWORD when given, else with a generated password that the launcher prints once.
 */
import { db } from "@/server/db";
import { generatePassword, hashPassword } from "@/server/security/password";

import { systemActor } from "../access/actor";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function bootstrapFirstAdmin({
  email,
  password,
}: {
  email?: string;
  password?: string;
}): Promise<{ email: string; password: string; generated: boolean } | null> {
  if ((await db.staffUser.count()) > 0) return null;
  const adminEmail = (email ?? "admin@localhost").toLowerCase();
  const adminPassword = password ?? generatePassword();
  const passwordHash = await hashPassword(adminPassword);
  const created = await db.$transaction(async (tx) => {
    // Two instances starting at once: the lock makes one wait, and it then sees the other's admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7310002)`;
    if ((await tx.staffUser.count()) > 0) return false;
    const user = await tx.staffUser.create({
      data: { email: adminEmail, name: "Administrator", role: "ADMINISTRATOR", passwordHash },
    });
    await recordAuditEvent(tx, {
      actor: systemActor("first-start"),
      action: "staff.create",
      targetType: "staff",
      targetId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return true;
  });
  return created ? { email: adminEmail, password: adminPassword, generated: password === undefined } : null;
}
