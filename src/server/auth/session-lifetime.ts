/**
 * How long a staff session lives, decided from its token alone, the same way wherever it is read
 * (getStaffSession on every console request, next-auth's session route on every activity ping):
 * - absolute: SESSION_MAX_HOURS after sign-in, whatever happens;
 * - idle: SESSION_IDLE_MINUTES after the last activity the server heard of. The console reports
 *   input with a ping (GET /api/auth/session) at most once per ACTIVITY_PING_SECONDS, so the
 *   server's last activity can lag the browser's by that much; the server allows that lag and no
 *   more, so a session kept alive by real use never ends under the user's hands, and a stolen or
 *   forgotten cookie dies on the server within a minute of the browser's own idle sign-out.
 */

/** How often, at most, the console tells the server about input (src/components/console/idle-sign-out.tsx). */
export const ACTIVITY_PING_SECONDS = 60;

export type SessionState = "active" | "idle" | "expired";

export interface SessionTimes {
  /** Sign-in time (ms). */
  authTime?: number;
  /** Last activity the server heard of (ms); older tokens without it count from sign-in. */
  lastActivity?: number;
}

export function sessionState(token: SessionTimes, now: number, limits: { idleMinutes: number; maxHours: number }): SessionState {
  const { authTime } = token;
  if (!authTime || now - authTime > limits.maxHours * 3_600_000) return "expired";
  const lastActivity = token.lastActivity ?? authTime;
  if (now - lastActivity > limits.idleMinutes * 60_000 + ACTIVITY_PING_SECONDS * 1000) return "idle";
  return "active";
}
