/**
 * A staff member's id by e-mail address (case-insensitive, as stored), for the operator CLI; null
 * when there is none.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export async function findStaffByEmail({ actor, email }: { actor: Actor; email: string }): Promise<{ id: string } | null> {
  assertCan(actor, "staff.read");
  return db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
}
