import { describe, expect, it } from "vitest";

import { describeNetworkFailure, parseRetryAfter, resolveExpiry } from "./provider-timing";

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it("reads delay-seconds and HTTP dates", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
  });
  it("ignores what is neither", () => {
    for (const value of [null, undefined, "", "-5", "1.5", "soon", "2025-01-01T00:00:30Z"]) expect(parseRetryAfter(value, now)).toBeNull();
  });
});

describe("resolveExpiry", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it("gives epoch seconds and the seconds left", () => {
    expect(resolveExpiry("2025-01-01T00:01:00.500Z", now)).toEqual({ kind: "until", epochSeconds: Math.floor(now / 1000) + 60, ttlSeconds: 61 });
    expect(resolveExpiry(null, now)).toEqual({ kind: "none" });
  });
  it("refuses a past or unreadable validUntil before sending", () => {
    expect(resolveExpiry("2024-12-31T23:59:59Z", now)).toMatchObject({ kind: "refused", outcome: { kind: "REJECTED", providerStatus: null } });
    expect(resolveExpiry("later", now)).toMatchObject({ kind: "refused", outcome: { kind: "REJECTED", reason: expect.stringContaining("BadExpirationDate") } });
  });
});

describe("describeNetworkFailure", () => {
  it("tells a timeout from another network error", () => {
    expect(describeNetworkFailure(new DOMException("t", "TimeoutError"))).toMatchObject({ kind: "TRANSIENT", reason: "Timeout: no answer in time" });
    expect(describeNetworkFailure(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") }))).toMatchObject({ kind: "TRANSIENT", providerStatus: null, reason: "Network error: fetch failed: connect ECONNREFUSED" });
  });
});
