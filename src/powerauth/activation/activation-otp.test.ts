import { describe, expect, it } from "vitest";

import { type ActivationOtpInput, decideActivationOtp } from "./activation-otp";

const base: ActivationOtpInput = {
  otpPhase: null,
  commitPhase: "ON_COMMIT",
  currentPhase: "ON_KEY_EXCHANGE",
  otpSupplied: false,
  otpMatches: false,
  failedAttempts: 2,
  maxFailedAttempts: 5,
};

describe("activation OTP decision (§4)", () => {
  it("no OTP configured: nothing to check; the commit phase decides ACTIVE vs PENDING_COMMIT", () => {
    expect(decideActivationOtp(base)).toEqual({ accepted: true, failedAttempts: 2, removeActivation: false, resultingState: "PENDING_COMMIT" });
    expect(decideActivationOtp({ ...base, commitPhase: "ON_KEY_EXCHANGE" })).toMatchObject({ accepted: true, resultingState: "ACTIVE" });
    expect(decideActivationOtp({ ...base, currentPhase: "ON_COMMIT" })).toMatchObject({ accepted: true, resultingState: "ACTIVE" });
  });

  it("no OTP configured but one is sent: rejected (not the reference quirk), not counted", () => {
    expect(decideActivationOtp({ ...base, otpSupplied: true, otpMatches: false })).toEqual({
      accepted: false,
      reason: "UNEXPECTED_OTP",
      failedAttempts: 2,
      removeActivation: false,
      resultingState: "CREATED",
    });
  });

  it("OTP configured for the other phase: sending one is an error, sending none skips validation", () => {
    const onCommit = { ...base, otpPhase: "ON_COMMIT" as const };
    expect(decideActivationOtp({ ...onCommit, otpSupplied: true, otpMatches: true })).toMatchObject({
      accepted: false,
      reason: "UNEXPECTED_OTP",
      failedAttempts: 2,
    });
    expect(decideActivationOtp(onCommit)).toMatchObject({ accepted: true, resultingState: "PENDING_COMMIT", failedAttempts: 2 });
    const onKeyExchangeAtCommit = { ...base, otpPhase: "ON_KEY_EXCHANGE" as const, commitPhase: "ON_KEY_EXCHANGE" as const, currentPhase: "ON_COMMIT" as const };
    expect(decideActivationOtp({ ...onKeyExchangeAtCommit, otpSupplied: true })).toMatchObject({ accepted: false, resultingState: "PENDING_COMMIT" });
  });

  it("OTP configured for this phase: a match resets the counter and activates", () => {
    const atKeyExchange = { ...base, otpPhase: "ON_KEY_EXCHANGE" as const, otpSupplied: true, otpMatches: true };
    expect(decideActivationOtp(atKeyExchange)).toEqual({ accepted: true, failedAttempts: 0, removeActivation: false, resultingState: "ACTIVE" });
    const atCommit = { ...atKeyExchange, otpPhase: "ON_COMMIT" as const, currentPhase: "ON_COMMIT" as const };
    expect(decideActivationOtp(atCommit)).toEqual({ accepted: true, failedAttempts: 0, removeActivation: false, resultingState: "ACTIVE" });
  });

  it("OTP configured for this phase: a mismatch counts, and the last allowed failure removes the activation", () => {
    const wrong = { ...base, otpPhase: "ON_COMMIT" as const, currentPhase: "ON_COMMIT" as const, otpSupplied: true, otpMatches: false };
    expect(decideActivationOtp(wrong)).toEqual({
      accepted: false,
      reason: "OTP_MISMATCH",
      failedAttempts: 3,
      removeActivation: false,
      resultingState: "PENDING_COMMIT",
    });
    expect(decideActivationOtp({ ...wrong, failedAttempts: 4 })).toEqual({
      accepted: false,
      reason: "OTP_MISMATCH",
      failedAttempts: 5,
      removeActivation: true,
      resultingState: "REMOVED",
    });
  });

  it("OTP configured for this phase but missing: an error that does not count (as in the reference)", () => {
    const missing = { ...base, otpPhase: "ON_KEY_EXCHANGE" as const, failedAttempts: 4 };
    expect(decideActivationOtp(missing)).toEqual({
      accepted: false,
      reason: "OTP_MISSING",
      failedAttempts: 4,
      removeActivation: false,
      resultingState: "CREATED",
    });
  });
});
