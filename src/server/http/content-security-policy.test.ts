import { describe, expect, it } from "vitest";

import { contentSecurityPolicy, createNonce } from "./content-security-policy";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("console Content-Security-Policy", () => {
  it("allows scripts by nonce only, never eval in production, and no framing", () => {
    const policy = contentSecurityPolicy({ nonce: "abc", isDevelopment: false, isHttps: false });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toContain("unsafe-inline");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("adds eval for the development server only, and upgrades requests under HTTPS", () => {
    expect(directive(contentSecurityPolicy({ nonce: "n", isDevelopment: true, isHttps: false }), "script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", isDevelopment: false, isHttps: true })).toContain("upgrade-insecure-requests");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
