/**
 * The signed-in staff member of the current request, as an actor, or null: the one place every
 * console request passes through (the tRPC context, console pages for redirects, the login page).
 * On every call it checks the token's absolute lifetime and idle time (session-lifetime.ts), then
 * the account and session version in the database. A session refused as idle or expired stays
 * ended: only next-auth's session route renews the last activity, and it refuses the same tokens.
 */
import { cookies } from "next/headers";

import { getEnv } from "@/env";
import { getStaffActor, type StaffActor } from "@/server/services/staff/get-staff-actor";

import { decodeSessionToken, readSessionCookie } from "./session-cookie";
import { sessionState } from "./session-lifetime";

export async function getStaffSession(): Promise<StaffActor | null> {
  const jar = await cookies();
  return resolveStaffSession(readSessionCookie(jar.getAll()), Date.now());
}

/** The same from a cookie value and a clock, for the database tests. */
export async function resolveStaffSession(cookieValue: string | undefined, now: number): Promise<StaffActor | null> {
  const token = await decodeSessionToken(cookieValue);
  if (!token?.uid || token.sv === undefined) return null;
  const env = getEnv();
  if (sessionState(token, now, { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS }) !== "active") return null;
  return getStaffActor(token.uid, token.sv);
}
