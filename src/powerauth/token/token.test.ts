import crypto from "node:crypto";

import { describe, expect, it } from "vitest";

import { isUuid } from "../core/identifiers";
import type { ProtocolVersion } from "../core/protocol-version";
import { expectPowerAuthError } from "../testing/test-helpers";
import {
  buildTokenHeader,
  checkTokenTimestamp,
  computeTokenDigest,
  createTokenHeader,
  generateToken,
  parseTokenHeader,
  tokenCreateResponse,
  verifyToken,
} from "./token";

const SECRET = Buffer.from("00112233445566778899aabbccddeeff", "hex");
const NONCE = Buffer.from("0f0e0d0c0b0a09080706050403020100", "hex");
const TOKEN_ID = "d6561669-34d6-4fee-8913-89477687a5cb";
const NOW = 1_691_762_307_382;
const VERSIONS: ProtocolVersion[] = ["3.0", "3.1", "3.2", "3.3"];

/** The §11.2 formula written out independently. */
function expectedDigest(version: ProtocolVersion, timestamp: number, secret = SECRET, nonce = NONCE): Buffer {
  const suffix = version === "3.2" || version === "3.3" ? `&${version}` : "";
  return crypto.createHmac("sha256", secret).update(Buffer.concat([nonce, Buffer.from(`&${timestamp}${suffix}`)])).digest();
}

describe("token create (§11.1)", () => {
  it("generates a UUID and a 16-byte secret, and the plaintext response", () => {
    const token = generateToken();
    expect(isUuid(token.tokenId)).toBe(true);
    expect(token.tokenSecret.length).toBe(16);
    expect(generateToken().tokenSecret.equals(token.tokenSecret)).toBe(false);
    expect(tokenCreateResponse(token)).toEqual({ tokenId: token.tokenId, tokenSecret: token.tokenSecret.toString("base64") });
  });
});

describe("token digest (§11.2)", () => {
  it.each(VERSIONS)("matches the hand-computed HMAC for %s", (version) => {
    const digest = computeTokenDigest({ tokenSecret: SECRET, nonce: NONCE, timestamp: NOW, version });
    expect(digest.toString("hex")).toBe(expectedDigest(version, NOW).toString("hex"));
  });

  it("3.0 and 3.1 share a digest; 3.2 and 3.3 differ from it and from each other", () => {
    const d = (version: ProtocolVersion) => computeTokenDigest({ tokenSecret: SECRET, nonce: NONCE, timestamp: NOW, version }).toString("hex");
    expect(d("3.0")).toBe(d("3.1"));
    expect(new Set([d("3.1"), d("3.2"), d("3.3")]).size).toBe(3);
  });

  it("rejects wrong sizes and timestamps", () => {
    expectPowerAuthError(() => computeTokenDigest({ tokenSecret: Buffer.alloc(32), nonce: NONCE, timestamp: NOW, version: "3.3" }), "INVALID_KEY");
    expectPowerAuthError(() => computeTokenDigest({ tokenSecret: SECRET, nonce: Buffer.alloc(8), timestamp: NOW, version: "3.3" }), "INVALID_LENGTH");
    expectPowerAuthError(() => computeTokenDigest({ tokenSecret: SECRET, nonce: NONCE, timestamp: 1.5, version: "3.3" }), "INVALID_FORMAT");
    expectPowerAuthError(() => computeTokenDigest({ tokenSecret: SECRET, nonce: NONCE, timestamp: NOW, version: "4.0" as never }), "INVALID_VERSION");
  });
});

describe("X-PowerAuth-Token header (§11.2)", () => {
  const valid = {
    version: "3.3",
    token_id: TOKEN_ID,
    token_digest: expectedDigest("3.3", NOW).toString("base64"),
    nonce: NONCE.toString("base64"),
    timestamp: String(NOW),
  };
  const header = (fields: Record<string, string>) =>
    `PowerAuth ${Object.entries(fields).map(([k, v]) => `${k}="${v}"`).join(", ")}`;

  it("parses and rebuilds the SDK form", () => {
    const parsed = parseTokenHeader(header(valid));
    expect(parsed).toMatchObject({ version: "3.3", tokenId: TOKEN_ID, timestamp: NOW });
    expect(parsed.nonce.equals(NONCE)).toBe(true);
    expect(buildTokenHeader(parsed)).toBe(header(valid));
  });

  it.each([
    ["version", { version: "3.4" }, "INVALID_VERSION"],
    ["token_id", { token_id: "not-a-uuid" }, "INVALID_HEADER"],
    ["token_digest length", { token_digest: NONCE.toString("base64") }, "INVALID_HEADER"],
    ["token_digest base64", { token_digest: "***" }, "INVALID_HEADER"],
    ["nonce", { nonce: SECRET.subarray(0, 8).toString("base64") }, "INVALID_HEADER"],
    ["timestamp too short", { timestamp: "12345678" }, "INVALID_HEADER"],
    ["timestamp too long", { timestamp: "1234567890123456" }, "INVALID_HEADER"],
    ["timestamp not digits", { timestamp: "-1691762307" }, "INVALID_HEADER"],
    ["missing timestamp", { timestamp: "" }, "INVALID_HEADER"],
  ] as const)("rejects a bad %s", (_name, change, code) => {
    const error = expectPowerAuthError(() => parseTokenHeader(header({ ...valid, ...change })), code);
    expect(error.message).toContain(Object.keys(change)[0]!);
  });
});

describe("token verification", () => {
  it.each(VERSIONS)("round-trips device → server for %s", (version) => {
    for (let i = 0; i < 10; i++) {
      const token = generateToken();
      const value = createTokenHeader({ tokenId: token.tokenId, tokenSecret: token.tokenSecret.toString("base64"), version, timestamp: NOW + i });
      const parsed = parseTokenHeader(value);
      const result = verifyToken(parsed, token.tokenSecret, { now: NOW });
      expect(result).toMatchObject({ valid: true, reason: "OK" });
      expect(result.replayKey).toMatchObject({ tokenId: token.tokenId, nonce: parsed.nonce.toString("base64"), expiresAt: NOW + i + 7_200_000 });
    }
  });

  it("fresh nonces give distinct replay keys", () => {
    const a = parseTokenHeader(createTokenHeader({ tokenId: TOKEN_ID, tokenSecret: SECRET, version: "3.3", timestamp: NOW }));
    const b = parseTokenHeader(createTokenHeader({ tokenId: TOKEN_ID, tokenSecret: SECRET, version: "3.3", timestamp: NOW }));
    expect(verifyToken(a, SECRET, { now: NOW }).replayKey.key).not.toBe(verifyToken(b, SECRET, { now: NOW }).replayKey.key);
  });

  it("rejects a wrong secret, a changed version, a changed timestamp", () => {
    const parsed = parseTokenHeader(createTokenHeader({ tokenId: TOKEN_ID, tokenSecret: SECRET, version: "3.3", timestamp: NOW, nonce: NONCE }));
    expect(verifyToken(parsed, Buffer.alloc(16), { now: NOW })).toMatchObject({ valid: false, reason: "DIGEST_MISMATCH" });
    expect(verifyToken({ ...parsed, version: "3.2" }, SECRET, { now: NOW }).reason).toBe("DIGEST_MISMATCH");
    expect(verifyToken({ ...parsed, timestamp: NOW + 1 }, SECRET, { now: NOW }).reason).toBe("DIGEST_MISMATCH");
  });

  it("enforces [now − 2 h, now + 30 min] inclusive, configurable", () => {
    const at = (timestamp: number) =>
      parseTokenHeader(createTokenHeader({ tokenId: TOKEN_ID, tokenSecret: SECRET, version: "3.1", timestamp }));
    expect(verifyToken(at(NOW - 7_200_000), SECRET, { now: NOW }).valid).toBe(true);
    expect(verifyToken(at(NOW - 7_200_001), SECRET, { now: NOW })).toMatchObject({ valid: false, reason: "TIMESTAMP_EXPIRED" });
    expect(verifyToken(at(NOW + 1_800_000), SECRET, { now: NOW }).valid).toBe(true);
    expect(verifyToken(at(NOW + 1_800_001), SECRET, { now: NOW })).toMatchObject({ valid: false, reason: "TIMESTAMP_IN_FUTURE" });
    expect(checkTokenTimestamp(at(NOW - 61_000), { now: NOW, pastValidityMs: 60_000 })).toBe("TIMESTAMP_EXPIRED");
    expect(checkTokenTimestamp(at(NOW + 61_000), { now: NOW, futureValidityMs: 60_000 })).toBe("TIMESTAMP_IN_FUTURE");
  });
});
