/**
 * The signed-in staff member of the current request, as an actor, or null. Used by the tRPC
 * context and by console pages (for redirects). Checks the absolute session lifetime and the
 * session version against the database on every call.
 */
import { getServerSession } from "next-auth";

import { getEnv } from "@/env";
import { getStaffActor, type StaffActor } from "@/server/services/staff/get-staff-actor";

import { getAuthOptions } from "./auth-options";

export async function getStaffSession(): Promise<StaffActor | null> {
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.id || !session.authTime) return null;
  if (Date.now() - session.authTime > getEnv().SESSION_MAX_HOURS * 3_600_000) return null;
  return getStaffActor(session.user.id, session.sessionVersion);
}
