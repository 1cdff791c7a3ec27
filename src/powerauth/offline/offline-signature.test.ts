import { describe, expect, it } from "vitest";

import { randomBytes } from "../core/primitives";
import { computeSignature, nextCtrData } from "../signature/signature";
import { expectPowerAuthError } from "../testing/test-helpers";
import {
  computeOfflineOtp,
  normalizeOfflineOtp,
  offlineSignatureData,
  offlineSignedBody,
  type VerifyOfflineOtpInput,
  verifyOfflineOtp,
} from "./offline-signature";
import { generateTotp } from "./totp";

const NONCE = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
const keys = { possession: randomBytes(16), knowledge: randomBytes(16), biometry: randomBytes(16) };
const ctrData = randomBytes(16);
const OPERATION = { operationId: "5ff1b1ed-a3cc-45a3-8ab0-ed60950312b6", operationData: "A1*A100CZK*Q238400856/0300" };

const advance = (ctr: Buffer, steps: number) => {
  let c = ctr;
  for (let i = 0; i < steps; i++) c = nextCtrData(c);
  return c;
};

describe("offline OTP input (§13.3)", () => {
  it.each([
    ["1234-5678-9012-3456", "12345678-90123456"],
    ["1234567890123456", "12345678-90123456"],
    [" 1234 5678\t9012-3456 ", "12345678-90123456"],
    ["12345678-90123456", "12345678-90123456"],
  ])("normalises %j", (input, expected) => {
    expect(normalizeOfflineOtp(input)).toBe(expected);
  });

  it("generalises to component lengths 4–8", () => {
    expect(normalizeOfflineOtp("12-34-56-78", 4)).toBe("1234-5678");
    expect(normalizeOfflineOtp("1234567890", 5)).toBe("12345-67890");
    expectPowerAuthError(() => normalizeOfflineOtp("1234567890123456", 4), "INVALID_OTP");
    expectPowerAuthError(() => normalizeOfflineOtp("12345678", 3), "INVALID_FORMAT");
  });

  it.each(["123456789012345", "12345678901234567", "12345678", "1234-5678-9012-345a", "", "1234.5678.9012.3456"])(
    "rejects %j",
    (input) => {
      expectPowerAuthError(() => normalizeOfflineOtp(input), "INVALID_OTP");
    },
  );
});

describe("offline signed data (§13.3)", () => {
  it("is POST, the offline URI id, the nonce, operationId&operationData[&totp], then 'offline'", () => {
    expect(offlineSignedBody(OPERATION)).toBe(`${OPERATION.operationId}&${OPERATION.operationData}`);
    expect(offlineSignedBody({ ...OPERATION, totp: "12345678" })).toBe(`${OPERATION.operationId}&${OPERATION.operationData}&12345678`);
    const body = Buffer.from(`${OPERATION.operationId}&${OPERATION.operationData}`).toString("base64");
    expect(offlineSignatureData({ ...OPERATION, nonce: NONCE.toString("base64") }).toString()).toBe(
      `POST&${Buffer.from("/operation/authorize/offline").toString("base64")}&AAECAwQFBgcICQoLDA0ODw==&${body}&offline`,
    );
  });

  it("computeOfflineOtp is the decimal signature over that data", () => {
    const otp = computeOfflineOtp({ ...OPERATION, nonce: NONCE, keys, ctrData, signatureType: "possession_knowledge", componentLength: 6 });
    expect(otp).toMatch(/^[0-9]{6}-[0-9]{6}$/);
    expect(otp).toBe(
      computeSignature({ keys, type: "possession_knowledge", ctrData, data: offlineSignatureData({ ...OPERATION, nonce: NONCE }), format: "decimal", componentLength: 6 }),
    );
  });
});

describe("offline verification (§13.3)", () => {
  const base = (otp: string): VerifyOfflineOtpInput => ({
    keys,
    ctrData,
    counter: 7,
    ...OPERATION,
    nonce: NONCE,
    otp,
    allowBiometry: false,
    failedAttempts: 1,
  });
  const otpAt = (steps: number, signatureType: "possession_knowledge" | "possession_biometry" = "possession_knowledge", extra = {}) =>
    computeOfflineOtp({ ...OPERATION, nonce: NONCE, keys, ctrData: advance(ctrData, steps), signatureType, ...extra });

  it("accepts the typed form of a possession_knowledge OTP and advances the counter", () => {
    const otp = otpAt(3).replace("-", "");
    const grouped = `${otp.slice(0, 4)}-${otp.slice(4, 8)}-${otp.slice(8, 12)}-${otp.slice(12)}`;
    const result = verifyOfflineOtp(base(grouped));
    expect(result).toMatchObject({ valid: true, signatureType: "possession_knowledge", matchedStep: 3, counter: 11, failedAttempts: 0, totp: null });
    expect(result.ctrData.equals(advance(ctrData, 4))).toBe(true);
  });

  it("tries possession_biometry only when flag B allowed it", () => {
    const otp = otpAt(0, "possession_biometry");
    expect(verifyOfflineOtp(base(otp))).toMatchObject({ valid: false, failureCounted: true, failedAttempts: 2, signatureType: "possession_knowledge" });
    expect(verifyOfflineOtp({ ...base(otp), allowBiometry: true })).toMatchObject({ valid: true, signatureType: "possession_biometry" });
  });

  it("never accepts a possession-only OTP (1FA)", () => {
    const one = computeOfflineOtp({ ...OPERATION, nonce: NONCE, keys, ctrData, signatureType: "possession" });
    expectPowerAuthError(() => verifyOfflineOtp(base(one)), "INVALID_OTP");
  });

  it("honours the look-ahead window and counts failures (never possession)", () => {
    expect(verifyOfflineOtp(base(otpAt(19))).valid).toBe(true);
    expect(verifyOfflineOtp(base(otpAt(20)))).toMatchObject({ valid: false, reason: "SIGNATURE_MISMATCH", failureCounted: true, counter: 7 });
    expect(verifyOfflineOtp({ ...base(otpAt(20)), failedAttempts: 4 })).toMatchObject({ blockActivation: true, blockedReason: "MAX_FAILED_ATTEMPTS" });
  });

  it("works for every component length 4–8", () => {
    for (let length = 4; length <= 8; length++) {
      const otp = otpAt(2, "possession_knowledge", { componentLength: length });
      expect(verifyOfflineOtp({ ...base(otp), componentLength: length })).toMatchObject({ valid: true, matchedStep: 2 });
    }
  });

  it("with a proximity seed, accepts the current TOTP and stepCount steps back", () => {
    const seed = randomBytes(32);
    const nowMs = 1_700_000_000_000;
    const proximity = { seed, nowMs, stepCount: 2, stepSeconds: 30 };
    for (const back of [0, 1, 2]) {
      const totp = generateTotp({ seed, nowMs: nowMs - back * 30_000, stepSeconds: 30 });
      const otp = computeOfflineOtp({ ...OPERATION, totp, nonce: NONCE, keys, ctrData, signatureType: "possession_biometry" });
      expect(verifyOfflineOtp({ ...base(otp), allowBiometry: true, proximity })).toMatchObject({ valid: true, totp, totpStepsBack: back });
    }
    const stale = generateTotp({ seed, nowMs: nowMs - 3 * 30_000, stepSeconds: 30 });
    const staleOtp = computeOfflineOtp({ ...OPERATION, totp: stale, nonce: NONCE, keys, ctrData, signatureType: "possession_knowledge" });
    expect(verifyOfflineOtp({ ...base(staleOtp), proximity }).valid).toBe(false);
    // Without a seed the TOTP-bearing OTP does not verify either, and vice versa.
    expect(verifyOfflineOtp(base(staleOtp)).valid).toBe(false);
    expect(verifyOfflineOtp({ ...base(otpAt(0)), proximity }).valid).toBe(false);
  });
});
