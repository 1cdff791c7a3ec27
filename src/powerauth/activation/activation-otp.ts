/**
 * Activation OTP rules for both commit phases (powerauth-protocol.md §4, reference
 * `validateActivationOtp`), as a pure decision: the caller verifies the supplied OTP against the
 * stored Argon2 hash, passes the outcome here, and persists what the decision says
 * (failedAttempts, REMOVED) *before* answering, also when the decision is a rejection.
 */

export type CommitPhase = "ON_KEY_EXCHANGE" | "ON_COMMIT";

export interface ActivationOtpInput {
  /** The phase the configured OTP is checked in, or `null` when no OTP is configured. */
  otpPhase: CommitPhase | null;
  /** The activation's commit phase (§4 init; default ON_COMMIT). */
  commitPhase: CommitPhase;
  /** The phase being processed now: the key exchange (`/pa/v3/activation/create`) or the commit. */
  currentPhase: CommitPhase;
  otpSupplied: boolean;
  /** Whether the supplied OTP matched the stored hash (ignored when none was supplied). */
  otpMatches: boolean;
  failedAttempts: number;
  maxFailedAttempts: number;
}

export type ActivationOtpRejection =
  /** An OTP was sent although none is configured for this phase (the reference accepts it at key exchange; we do not). */
  | "UNEXPECTED_OTP"
  /** The OTP is configured for this phase but was not sent. */
  | "OTP_MISSING"
  /** The OTP did not match. */
  | "OTP_MISMATCH";

export type ActivationOtpDecision =
  | {
      accepted: true;
      failedAttempts: number;
      removeActivation: false;
      /** Key exchange: ACTIVE when a valid OTP was checked now or commitPhase is ON_KEY_EXCHANGE; commit: ACTIVE. */
      resultingState: "ACTIVE" | "PENDING_COMMIT";
    }
  | {
      accepted: false;
      reason: ActivationOtpRejection;
      failedAttempts: number;
      removeActivation: boolean;
      /** REMOVED when the attempts ran out, otherwise the state is unchanged (CREATED / PENDING_COMMIT). */
      resultingState: "CREATED" | "PENDING_COMMIT" | "REMOVED";
    };

export function decideActivationOtp(input: ActivationOtpInput): ActivationOtpDecision {
  const unchanged = input.currentPhase === "ON_KEY_EXCHANGE" ? "CREATED" : "PENDING_COMMIT";
  const reject = (reason: ActivationOtpRejection, failedAttempts: number): ActivationOtpDecision => {
    const removeActivation = failedAttempts !== input.failedAttempts && failedAttempts >= input.maxFailedAttempts;
    return { accepted: false, reason, failedAttempts, removeActivation, resultingState: removeActivation ? "REMOVED" : unchanged };
  };
  const accept = (otpChecked: boolean): ActivationOtpDecision => ({
    accepted: true,
    failedAttempts: otpChecked ? 0 : input.failedAttempts,
    removeActivation: false,
    resultingState:
      input.currentPhase === "ON_COMMIT" || otpChecked || input.commitPhase === "ON_KEY_EXCHANGE" ? "ACTIVE" : "PENDING_COMMIT",
  });

  if (input.otpPhase !== input.currentPhase) {
    // No OTP for this phase (none configured, or configured for the other phase): sending one is
    // an error and does not count as a failed attempt; sending none skips validation.
    return input.otpSupplied ? reject("UNEXPECTED_OTP", input.failedAttempts) : accept(false);
  }
  // A required OTP that is missing is an error but not a failed attempt (as in the reference).
  if (!input.otpSupplied) return reject("OTP_MISSING", input.failedAttempts);
  if (input.otpMatches) return accept(true);
  return reject("OTP_MISMATCH", input.failedAttempts + 1);
}
