/**
 * Server-side session rules, with forged tokens and an injected clock instead of waiting: the
 * idle timeout, the absolute lifetime, the session version, and sign-out.
 */
import type { JWT } from "next-auth/jwt";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import { getEnv, resetEnvCache } from "@/env";
import { db } from "@/server/db";
import { signOutStaff } from "@/server/services/staff/sign-out-staff";
import { makeStaff } from "@/server/testing/factories";

import { getAuthOptions } from "./auth-options";
import { resolveStaffSession } from "./get-staff-session";
import { sessionCookieName } from "./session-cookie";
import { ACTIVITY_PING_SECONDS } from "./session-lifetime";

const MINUTE = 60_000;

async function sessionOf(role: "OPERATOR" | "VIEWER" = "OPERATOR") {
  const staff = await makeStaff(role);
  const { sessionVersion } = await db.staffUser.findUniqueOrThrow({ where: { id: staff.user.id } });
  const claims = (authTime: number, lastActivity: number): JWT => ({
    sub: staff.user.id,
    email: staff.user.email,
    name: staff.user.name,
    uid: staff.user.id,
    role,
    sv: sessionVersion,
    authTime,
    lastActivity,
  });
  const cookie = (authTime: number, lastActivity: number) =>
    encode({ token: claims(authTime, lastActivity), secret: getEnv().NEXTAUTH_SECRET, maxAge: 12 * 3600 });
  return { ...staff, sessionVersion, claims, cookie };
}

describe("staff sessions on the server", () => {
  it("refuses a session idle longer than SESSION_IDLE_MINUTES, and keeps one in use", async () => {
    const { user, cookie } = await sessionOf();
    const idle = getEnv().SESSION_IDLE_MINUTES * MINUTE;
    const now = Date.now();
    const signedIn = now - 2 * idle;

    // Used a moment ago, though signed in long before: valid.
    expect(await resolveStaffSession(await cookie(signedIn, now - MINUTE), now)).toMatchObject({ id: user.id, label: user.email });
    // Quiet for just under the idle time (plus the ping's allowed lag): still valid.
    expect(await resolveStaffSession(await cookie(signedIn, now - idle - ACTIVITY_PING_SECONDS * 1000 + 5_000), now)).not.toBeNull();
    // Quiet for longer: refused.
    expect(await resolveStaffSession(await cookie(signedIn, now - idle - ACTIVITY_PING_SECONDS * 1000 - 5_000), now)).toBeNull();
  });

  it("refuses a session past SESSION_MAX_HOURS however active it is, and forged or foreign tokens", async () => {
    const { cookie } = await sessionOf();
    const now = Date.now();
    expect(await resolveStaffSession(await cookie(now - getEnv().SESSION_MAX_HOURS * 3_600_000 - MINUTE, now), now)).toBeNull();
    expect(await resolveStaffSession("not-a-token", now)).toBeNull();
    expect(await resolveStaffSession(undefined, now)).toBeNull();
    const foreign = await encode({ token: { uid: "x", sv: 1, authTime: now, lastActivity: now }, secret: "another-secret-of-at-least-32-characters" });
    expect(await resolveStaffSession(foreign, now)).toBeNull();
  });

  it("renews the last activity on the session route only while the session is active", async () => {
    const { claims } = await sessionOf();
    const jwt = getAuthOptions().callbacks!.jwt!;
    const now = Date.now();
    const idle = getEnv().SESSION_IDLE_MINUTES * MINUTE;

    const renewed = await jwt({ token: claims(now - idle, now - 2 * MINUTE) } as never);
    expect(renewed.lastActivity).toBeGreaterThanOrEqual(now);
    // An idle one is not brought back: next-auth then answers "no session" and deletes the cookie.
    await expect(jwt({ token: claims(now - 3 * idle, now - 2 * idle) } as never)).rejects.toThrow("SESSION_ENDED");
  });

  it("sign-out ends every session of that person, once, and audits it", async () => {
    const { user, cookie, sessionVersion } = await sessionOf("VIEWER");
    const now = Date.now();
    const value = await cookie(now, now);
    expect(await resolveStaffSession(value, now)).not.toBeNull();

    const input = { userId: user.id, email: user.email, role: "VIEWER" as const, sessionVersion };
    expect(await signOutStaff(input)).toEqual({ ended: true });
    expect(await resolveStaffSession(value, now)).toBeNull();
    // A copied cookie of the ended session cannot sign out (or end) anything again.
    expect(await signOutStaff(input)).toEqual({ ended: false });
    const events = await db.auditEvent.findMany({ where: { action: "staff.sign-out", targetId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "STAFF", actorLabel: user.email });
  });

  it("uses Secure cookies when PUBLIC_URL is https", () => {
    expect(getAuthOptions().useSecureCookies).toBe(false);
    expect(sessionCookieName()).toBe("next-auth.session-token");
    const previous = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://console.bank.test";
    resetEnvCache();
    try {
      expect(getAuthOptions().useSecureCookies).toBe(true);
      expect(sessionCookieName()).toBe("__Secure-next-auth.session-token");
    } finally {
      if (previous === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = previous;
      resetEnvCache();
    }
  });
});
