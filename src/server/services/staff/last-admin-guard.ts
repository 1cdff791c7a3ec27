import type { DbTx } from "@/server/db";
import { AppError } from "@/server/errors";

/** Refuses a change that would leave no enabled administrator (nobody could manage staff then). */
export async function assertAnotherActiveAdmin(tx: DbTx, userId: string): Promise<void> {
  const others = await tx.staffUser.count({
    where: { role: "ADMINISTRATOR", disabledAt: null, id: { not: userId } },
  });
  if (others === 0) throw new AppError("ERROR_REQUEST", "This is the last enabled administrator; appoint another one first");
}
