import { describe, expect, it } from "vitest";

import { decideRetry, MAX_ATTEMPTS } from "./push-retry-policy";

const now = Date.parse("2026-12-03T12:00:00Z");
const mid = () => 0.5;

describe("decideRetry", () => {
  it("never retries a final outcome", () => {
    for (const kind of ["SENT", "TOKEN_INVALID", "REJECTED"] as const) expect(decideRetry({ kind, attempts: 1, now })).toEqual({ retry: false, reason: "FINAL" });
  });

  it("backs off exponentially from 2 s for transient errors", () => {
    const delays = [1, 2, 3, 4].map((attempts) => (decideRetry({ kind: "TRANSIENT", attempts, now, random: mid }) as { at: Date }).at.getTime() - now);
    expect(delays).toEqual([2000, 4000, 8000, 16000]);
  });

  it("jitters by ±20 %", () => {
    const low = decideRetry({ kind: "TRANSIENT", attempts: 1, now, random: () => 0 }) as { at: Date };
    const high = decideRetry({ kind: "TRANSIENT", attempts: 1, now, random: () => 1 }) as { at: Date };
    expect(low.at.getTime() - now).toBe(1600);
    expect(high.at.getTime() - now).toBe(2400);
  });

  it("caps the delay at 15 minutes", () => {
    const decision = decideRetry({ kind: "TRANSIENT", attempts: 7, now, random: () => 1 }) as { at: Date };
    expect(decision.at.getTime() - now).toBeLessThanOrEqual(15 * 60_000 * 1.2);
  });

  it("waits at least the provider's Retry-After, at most an hour of it", () => {
    expect((decideRetry({ kind: "TRANSIENT", attempts: 1, retryAfterMs: 30_000, now, random: mid }) as { at: Date }).at.getTime() - now).toBe(30_000);
    expect((decideRetry({ kind: "TRANSIENT", attempts: 1, retryAfterMs: 500, now, random: mid }) as { at: Date }).at.getTime() - now).toBe(2000);
    expect((decideRetry({ kind: "TRANSIENT", attempts: 1, retryAfterMs: 24 * 3600_000, now, random: mid }) as { at: Date }).at.getTime() - now).toBe(3600_000);
  });

  it("retries a refused credential on a slower schedule", () => {
    expect((decideRetry({ kind: "CREDENTIAL", attempts: 1, now, random: mid }) as { at: Date }).at.getTime() - now).toBe(60_000);
  });

  it("gives up after the last attempt", () => {
    expect(decideRetry({ kind: "TRANSIENT", attempts: MAX_ATTEMPTS, now })).toEqual({ retry: false, reason: "OUT_OF_ATTEMPTS" });
    expect(decideRetry({ kind: "TRANSIENT", attempts: MAX_ATTEMPTS - 1, now }).retry).toBe(true);
  });

  it("gives up when validUntil would pass before the next attempt", () => {
    expect(decideRetry({ kind: "TRANSIENT", attempts: 1, validUntil: new Date(now + 1000).toISOString(), now, random: mid })).toEqual({ retry: false, reason: "EXPIRED" });
    expect(decideRetry({ kind: "TRANSIENT", attempts: 1, validUntil: new Date(now + 60_000).toISOString(), now, random: mid }).retry).toBe(true);
  });
});
