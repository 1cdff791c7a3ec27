/**
 * Turns a session into an actor, on every console request: the user must still exist, be enabled,
 * and the session must carry the current session version (a password change, reset, role change
 * or disable ends every older session at once).
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";

export type StaffActor = Actor & { type: "STAFF"; name: string; mustChangePassword: boolean };

export async function getStaffActor(userId: string, sessionVersion: number): Promise<StaffActor | null> {
  const user = await db.staffUser.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionVersion: true, mustChangePassword: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return {
    type: "STAFF",
    id: user.id,
    label: user.email,
    role: user.role,
    name: user.name,
    mustChangePassword: user.mustChangePassword,
  };
}
