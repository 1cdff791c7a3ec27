import type { DbTx } from "@/server/db";
import { AppError } from "@/server/errors";

/**
 * Refuses a change that would leave no enabled administrator (nobody could manage staff then).
 * The enabled administrators' rows are locked first, so two administrators demoting or disabling
 * each other at the same moment cannot both pass the count: the second waits and sees the first.
 */
export async function assertAnotherActiveAdmin(tx: DbTx, userId: string): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM staff_user WHERE role = 'ADMINISTRATOR' AND disabled_at IS NULL ORDER BY id FOR UPDATE`;
  if (!admins.some((admin) => admin.id !== userId)) {
    throw new AppError("ERROR_REQUEST", "This is the last enabled administrator; appoint another one first");
  }
}
