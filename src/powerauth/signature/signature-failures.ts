/**
 * Failure counting and automatic blocking after signature checks (powerauth-protocol.md §10.5,
 * §10.6). Pure decisions: the caller persists `failedAttempts` and, when `blockActivation` is set,
 * moves the activation to BLOCKED with `blockedReason`.
 *
 * Unlike Wultra's prose (every failure counts), the reference code — followed here, §19.3 — does not
 * count failures of `possession`-only signatures and does not let their successes reset the counter.
 */
import { countsTowardFailures, type SignatureType } from "./signature-type";

export const BLOCKED_REASON_MAX_FAILED_ATTEMPTS = "MAX_FAILED_ATTEMPTS";

export interface FailureDecision {
  /** The new `failedAttempts` value to persist. */
  failedAttempts: number;
  /** True when this failure increased the counter (never for `possession`). */
  failureCounted: boolean;
  /** True when this success resets the counter to 0 (any type but `possession`). */
  failedAttemptsReset: boolean;
  /** The activation must now become BLOCKED. */
  blockActivation: boolean;
  blockedReason: typeof BLOCKED_REASON_MAX_FAILED_ATTEMPTS | null;
  /** `max − failed`, floored at 0, as reported to the integration layer. */
  remainingAttempts: number;
}

/**
 * The decision after a failed check of a signature of `type` (§10.6). With `count = false` nothing
 * is added, but blocking is still decided from the current value (§10.5 step 4: an activation
 * already at its limit is blocked).
 */
export function decideFailure(
  type: SignatureType,
  failedAttempts: number,
  maxFailedAttempts: number,
  count = true,
): FailureDecision {
  const failureCounted = count && countsTowardFailures(type);
  const failed = failedAttempts + (failureCounted ? 1 : 0);
  const remaining = maxFailedAttempts - failed;
  const block = remaining <= 0;
  return {
    failedAttempts: failed,
    failureCounted,
    failedAttemptsReset: false,
    blockActivation: block,
    blockedReason: block ? BLOCKED_REASON_MAX_FAILED_ATTEMPTS : null,
    remainingAttempts: Math.max(0, remaining),
  };
}

/** The decision after a valid signature of `type`: any type but `possession` resets the count (§10.6). */
export function decideSuccess(type: SignatureType, failedAttempts: number, maxFailedAttempts: number): FailureDecision {
  const reset = countsTowardFailures(type);
  const failed = reset ? 0 : failedAttempts;
  return {
    failedAttempts: failed,
    failureCounted: false,
    failedAttemptsReset: reset,
    blockActivation: false,
    blockedReason: null,
    remainingAttempts: Math.max(0, maxFailedAttempts - failed),
  };
}
