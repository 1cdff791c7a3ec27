import { describe, expect, it } from "vitest";

import { readSessionCookie } from "./session-cookie";
import { ACTIVITY_PING_SECONDS, sessionState } from "./session-lifetime";

const limits = { idleMinutes: 30, maxHours: 12 };
const MINUTE = 60_000;
const lag = ACTIVITY_PING_SECONDS * 1000;

describe("session lifetime", () => {
  const now = Date.UTC(2026, 11, 2, 12);

  it("is active while used, idle after SESSION_IDLE_MINUTES (plus one ping interval) without activity", () => {
    expect(sessionState({ authTime: now - 60 * MINUTE, lastActivity: now - MINUTE }, now, limits)).toBe("active");
    expect(sessionState({ authTime: now - 60 * MINUTE, lastActivity: now - 30 * MINUTE - lag + 1 }, now, limits)).toBe("active");
    expect(sessionState({ authTime: now - 60 * MINUTE, lastActivity: now - 30 * MINUTE - lag - 1 }, now, limits)).toBe("idle");
    // Tokens from before last-activity tracking count from sign-in.
    expect(sessionState({ authTime: now - 40 * MINUTE }, now, limits)).toBe("idle");
  });

  it("expires SESSION_MAX_HOURS after sign-in however active, and without a sign-in time", () => {
    expect(sessionState({ authTime: now - 12 * 60 * MINUTE - 1, lastActivity: now }, now, limits)).toBe("expired");
    expect(sessionState({ lastActivity: now }, now, limits)).toBe("expired");
  });
});

describe("session cookie", () => {
  const name = "next-auth.session-token";

  it("reads the whole cookie, or joins next-auth's chunks in order", () => {
    expect(readSessionCookie([{ name, value: "abc" }], name)).toBe("abc");
    expect(
      readSessionCookie(
        [
          { name: `${name}.1`, value: "def" },
          { name: "other", value: "x" },
          { name: `${name}.0`, value: "abc" },
          { name: `${name}.x`, value: "junk" },
        ],
        name,
      ),
    ).toBe("abcdef");
    expect(readSessionCookie([{ name: "__Secure-next-auth.session-token", value: "s" }], name)).toBeUndefined();
  });
});
