/**
 * How a registration's `otpValidation` (Cloud API) maps onto the protocol's OTP rules (§4,
 * `decideActivationOtp`): the phase the OTP is checked in, and the commit phase. An OTP checked at
 * key exchange commits the registration there (the reference maps the deprecated
 * `activationOtpValidation=ON_KEY_EXCHANGE` to `commitPhase=ON_KEY_EXCHANGE`); without an OTP, or
 * with one for the commit, the bank commits.
 */
import type { CommitPhase } from "@/powerauth/server";
import type { OtpValidation } from "@/generated/prisma/enums";
import { verifyPassword } from "@/server/security/password";

export function otpRulesOf(otpValidation: OtpValidation): { otpPhase: CommitPhase | null; commitPhase: CommitPhase } {
  switch (otpValidation) {
    case "NONE":
      return { otpPhase: null, commitPhase: "ON_COMMIT" };
    case "ON_KEY_EXCHANGE":
      return { otpPhase: "ON_KEY_EXCHANGE", commitPhase: "ON_KEY_EXCHANGE" };
    case "ON_COMMIT":
      return { otpPhase: "ON_COMMIT", commitPhase: "ON_COMMIT" };
  }
}

/** The supplied OTP against the stored argon2id hash; false when either is missing. */
export async function otpMatches(otpHash: string | null, otp: string | undefined): Promise<boolean> {
  return Boolean(otpHash && otp) && (await verifyPassword(otpHash!, otp!));
}

/** History reasons of the reference (`AdditionalInformation.Reason`). */
export const OTP_MAX_FAILED_ATTEMPTS = "OTP_MAX_FAILED_ATTEMPTS";
