import { describe, expect, it } from "vitest";

import { isSameSite } from "./same-site";

const publicUrl = "https://console.bank.test";

function post(headers: Record<string, string>): Request {
  return new Request("http://internal:3000/api/trpc/x", { method: "POST", headers });
}

describe("same-site check of the console API", () => {
  it("accepts the request's own host and PUBLIC_URL, refuses other origins", () => {
    expect(isSameSite(post({ host: "internal:3000", origin: "http://internal:3000" }), { trustedHops: 0, publicUrl })).toBe(true);
    expect(isSameSite(post({ host: "internal:3000", origin: publicUrl }), { trustedHops: 0, publicUrl })).toBe(true);
    expect(isSameSite(post({ host: "internal:3000", origin: "https://evil.example" }), { trustedHops: 0, publicUrl })).toBe(false);
    expect(isSameSite(post({ host: "internal:3000", origin: "null" }), { trustedHops: 0, publicUrl })).toBe(false);
    // No Origin (not a browser, or a same-origin GET): nothing to compare.
    expect(isSameSite(post({ host: "internal:3000" }), { trustedHops: 0, publicUrl })).toBe(true);
  });

  it("believes X-Forwarded-Host only behind a trusted proxy", () => {
    const forged = post({ host: "internal:3000", origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(isSameSite(forged, { trustedHops: 0, publicUrl })).toBe(false);
    expect(isSameSite(forged, { trustedHops: 1, publicUrl })).toBe(true);
    const viaProxy = post({ host: "internal:3000", origin: "https://staff.bank.test", "x-forwarded-host": "staff.bank.test" });
    expect(isSameSite(viaProxy, { trustedHops: 1, publicUrl })).toBe(true);
    expect(isSameSite(viaProxy, { trustedHops: 0, publicUrl })).toBe(false);
  });
});
