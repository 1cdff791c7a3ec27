/**
 * The staff member an administrator changes (role, disabled, password reset), or ERROR_NOT_FOUND.
 */
import type { DbTx } from "@/server/db";
import { AppError } from "@/server/errors";

import { STAFF_VIEW } from "./staff-view";

/** Read inside the change's transaction. */
export async function loadStaffForChange(tx: DbTx, id: string) {
  const user = await tx.staffUser.findUnique({ where: { id }, select: STAFF_VIEW });
  if (!user) throw new AppError("ERROR_NOT_FOUND", "Staff member not found");
  return user;
}
