/**
 * Commits a registration (Cloud `POST /v2/registrations/{registrationId}/commit`; protocol §4
 * "commit"): only a PENDING_COMMIT registration that has not expired becomes ACTIVE. When its OTP
 * is checked at commit, the bank must send it: a wrong one counts as a failed attempt and, at the
 * application's maximum, removes the registration (history reason OTP_MAX_FAILED_ATTEMPTS). The
 * counted failure is committed before the error is returned.
 */
import { decideActivationOtp } from "@/powerauth/server";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { OTP_MAX_FAILED_ATTEMPTS, otpMatches, otpRulesOf } from "./registration-otp";
import { auditRegistrationChange, lockRegistration, writeStatusChange } from "./registration-status-change";
import { registrationNotFound } from "./registration-transitions";

export async function commitRegistration({
  actor,
  registrationId,
  applicationId,
  otp,
  externalUserId,
}: {
  actor: Actor;
  registrationId: string;
  /** A credential's calls are limited to its application anyway; staff may name one. */
  applicationId?: string | null;
  otp?: string;
  externalUserId?: string;
}): Promise<void> {
  assertCan(actor, "registrations.write");
  const refusal = await db.$transaction(async (tx) => {
    const row = await lockRegistration(tx, { actor, registrationId, applicationId });
    if (!row || row.status === "REMOVED") throw registrationNotFound();
    if (row.status !== "PENDING_COMMIT") {
      throw new AppError("ERROR_REGISTRATION_CHANGE", `Registration cannot be committed, unexpected state: ${row.status}`);
    }
    if (row.expiresAt.getTime() <= Date.now()) {
      throw new AppError("ERROR_REGISTRATION_CHANGE", `Registration cannot be committed, it expired at ${row.expiresAt.toISOString()}`);
    }

    const rules = otpRulesOf(row.otpValidation);
    const decision = decideActivationOtp({
      ...rules,
      currentPhase: "ON_COMMIT",
      otpSupplied: otp !== undefined,
      otpMatches: await otpMatches(row.otpHash, otp),
      failedAttempts: row.failedAttempts,
      maxFailedAttempts: row.maxFailedAttempts,
    });
    if (!decision.accepted) {
      if (decision.reason === "OTP_MISSING") {
        throw new AppError("ERROR_REQUEST", "Invalid method parameter value", {
          violations: [{ fieldName: "otp", hint: "must not be null: this registration's OTP is checked at commit" }],
        });
      }
      if (decision.reason === "UNEXPECTED_OTP") {
        throw new AppError("ERROR_REQUEST", "Invalid method parameter value", {
          violations: [{ fieldName: "otp", hint: `must be null: this registration's otpValidation is ${row.otpValidation}` }],
        });
      }
      // OTP_MISMATCH: the failure counts, and is kept although the commit is refused.
      if (decision.removeActivation) {
        await writeStatusChange(tx, row, { to: "REMOVED", actor, reason: OTP_MAX_FAILED_ATTEMPTS, externalUserId, failedAttempts: decision.failedAttempts });
        await auditRegistrationChange(tx, actor, row, "registration.remove", { status: row.status }, { status: "REMOVED", reason: OTP_MAX_FAILED_ATTEMPTS });
        return `Registration cannot be committed, the OTP is not valid; it was removed after ${decision.failedAttempts} failed attempts`;
      }
      await tx.registration.update({ where: { id: row.id }, data: { failedAttempts: decision.failedAttempts } });
      const left = row.maxFailedAttempts - decision.failedAttempts;
      return `Registration cannot be committed, the OTP is not valid (${left} ${left === 1 ? "attempt" : "attempts"} left)`;
    }

    await writeStatusChange(tx, row, { to: "ACTIVE", actor, externalUserId, failedAttempts: decision.failedAttempts });
    await auditRegistrationChange(tx, actor, row, "registration.commit", { status: row.status }, { status: "ACTIVE", externalUserId: externalUserId ?? null });
    return null;
  });
  if (refusal) throw new AppError("ERROR_REGISTRATION_CHANGE", refusal);
}
