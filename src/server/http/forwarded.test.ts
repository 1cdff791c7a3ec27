import { describe, expect, it } from "vitest";

import { headerGetterOf, normalizeAddress, parseTrustProxy, REMOTE_ADDRESS_HEADER, resolveForwarded, resolveRequestForwarded } from "./forwarded";

const headers = (values: Record<string, string>) => headerGetterOf(Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v])));

const spoofed = {
  host: "console.bank.test",
  "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2",
  "x-forwarded-host": "evil.example, proxy.bank.test",
  "x-forwarded-proto": "http, https",
};

describe("forwarded headers", () => {
  it("parses TRUST_PROXY: off, true (one hop) or a number of hops; anything else is invalid", () => {
    expect([undefined, "", "false", "0", " FALSE "].map(parseTrustProxy)).toEqual([0, 0, 0, 0, 0]);
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect([parseTrustProxy("yes"), parseTrustProxy("-1"), parseTrustProxy("1.5"), parseTrustProxy("100")]).toEqual([null, null, null, null]);
  });

  it("ignores X-Forwarded-* entirely when no proxy is trusted", () => {
    expect(resolveForwarded(headers(spoofed), "::ffff:192.0.2.10", 0)).toEqual({
      clientAddress: "192.0.2.10",
      host: "console.bank.test",
      protocol: "http",
    });
  });

  it("takes the Nth address from the right of X-Forwarded-For, and the last forwarded host and scheme", () => {
    expect(resolveForwarded(headers(spoofed), "10.0.0.1", 1)).toEqual({ clientAddress: "10.0.0.2", host: "proxy.bank.test", protocol: "https" });
    expect(resolveForwarded(headers(spoofed), "10.0.0.1", 2).clientAddress).toBe("203.0.113.9");
    // Fewer entries than hops: the leftmost, never something the client could put further left.
    expect(resolveForwarded(headers({ "x-forwarded-for": "203.0.113.9" }), "10.0.0.1", 3).clientAddress).toBe("203.0.113.9");
  });

  it("falls back to the socket and the Host header when a trusted proxy sent nothing usable", () => {
    expect(resolveForwarded(headers({ host: "a.bank.test" }), "10.0.0.1", 1)).toEqual({ clientAddress: "10.0.0.1", host: "a.bank.test", protocol: "http" });
    expect(resolveForwarded(headers({ "x-forwarded-for": "not-an-ip", "x-forwarded-proto": "gopher" }), "10.0.0.1", 1)).toMatchObject({
      clientAddress: "10.0.0.1",
      protocol: "http",
    });
    expect(resolveForwarded(headers({}), undefined, 0)).toEqual({ clientAddress: "unknown", host: "", protocol: "http" });
  });

  it("normalises addresses and refuses junk in Host", () => {
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normalizeAddress("::1")).toBe("::1");
    expect(normalizeAddress("<script>")).toBeNull();
    expect(resolveForwarded(headers({ host: "a.bank.test/<x>" }), "10.0.0.1", 0).host).toBe("");
  });

  it("reads the socket address from the server's header in route handlers", () => {
    const request = new Headers({ host: "console.bank.test", [REMOTE_ADDRESS_HEADER]: "192.0.2.44", "x-forwarded-for": "6.6.6.6" });
    expect(resolveRequestForwarded(request, 0).clientAddress).toBe("192.0.2.44");
    expect(resolveRequestForwarded(request, 1).clientAddress).toBe("6.6.6.6");
  });
});
