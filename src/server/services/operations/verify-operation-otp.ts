/**
 * Verifies the OTP a user typed after scanning an operation's offline QR code (Cloud
 * `POST /v2/operations/{operationId}/offline/otp`, protocol §13.3). The OTP is accepted as 4×4
 * digits with dashes, 2×8 with a dash, or 16 digits (normalised to `DDDDDDDD-DDDDDDDD`); any other
 * format is ERROR_OTP_INVALID before any work. The check runs like an online signature, in the
 * registration's row-locked hot transaction (counter, look-ahead, failure counting and blocking,
 * a signature event): possession_knowledge, then possession_biometry when flag B allowed it, each
 * with the proximity TOTP candidates when the check is on. Then, under the operation's lock, a
 * valid OTP approves the operation and a wrong one counts toward its own failure limit.
 */
import { normalizeOfflineOtp, OFFLINE_URI_ID, PowerAuthError, verifyOfflineOtp } from "@/powerauth/server";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { openSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { checkSignature } from "../registrations/signature-check";
import { proximitySeedContext } from "./create-operation";
import { countFailedApproval } from "./mobile-operation-access";
import { offlineFlagsOf } from "./create-offline-qr";
import { findOfflineRegistration } from "./offline-operation-registration";
import { lockOperation, writeOperationChange } from "./operation-state-change";
import { effectiveStatus, OPERATION_SELECT, operationNotFound, operationScope, operationStateChange, UUID_TEXT } from "./operation-views";

export interface OperationOtpResult {
  otpValid: boolean;
  userId: string;
  operationId: string;
  registrationId: string;
  registrationStatus: string;
  signatureType: string;
  remainingAttempts: number;
  flags: string[];
  application: { name: string; roles: string[] };
}

const otpInvalid = () => new AppError("ERROR_OTP_INVALID", "Operation OTP format is invalid, OTP validation skipped.");

export async function verifyOperationOtp({
  actor,
  applicationId,
  operationId,
  registrationId,
  otp,
  nonce,
}: {
  actor: Actor;
  applicationId?: string | null;
  operationId: string;
  registrationId: string;
  otp: string;
  nonce: string;
}): Promise<OperationOtpResult> {
  assertCan(actor, "operations.write");
  if (!UUID_TEXT.test(operationId)) throw operationNotFound();
  const operation = await db.operation.findFirst({ where: { id: operationId, ...operationScope(actor, applicationId) }, select: { ...OPERATION_SELECT, proximitySeedEncrypted: true } });
  if (!operation) throw operationNotFound();
  const registration = await findOfflineRegistration(db, operation, registrationId);
  if (effectiveStatus(operation) !== "PENDING") throw operationStateChange();
  try {
    normalizeOfflineOtp(otp);
  } catch {
    throw otpInvalid();
  }
  if (!/^[A-Za-z0-9+/]{22}==$/.test(nonce)) {
    throw new AppError("ERROR_REQUEST", "Invalid method parameter value", { violations: [{ fieldName: "nonce", invalidValue: nonce, hint: "must be the Base64 nonce of the QR code (16 bytes)" }] });
  }
  // Offline signatures use "offline" in place of the app secret (§10.1); the check still needs a
  // supported version of the registration's application, as online ones do (§10.5 step 2).
  const version = await db.applicationVersion.findFirst({ where: { applicationId: operation.applicationId, supported: true }, orderBy: { createdAt: "desc" }, select: { appKey: true } });
  const seed = operation.proximitySeedEncrypted ? openSecret(operation.proximitySeedEncrypted, proximitySeedContext(operation.id)) : null;
  const allowBiometry = offlineFlagsOf(operation).includes("B");

  const outcome = await checkSignature(
    {
      registrationId: registration.id,
      applicationKey: version?.appKey ?? "",
      version: registration.protocolVersion ?? "3.3",
      signatureType: "possession_knowledge",
      applicationId: operation.applicationId,
      kind: "OFFLINE",
      eventData: `POST\n${OFFLINE_URI_ID}\n${operation.id}&${operation.data}`,
      actor,
    },
    ({ registration: locked, keys }) =>
      verifyOfflineOtp({
        keys: { possession: keys.signaturePossession, knowledge: keys.signatureKnowledge, biometry: keys.signatureBiometry },
        ctrData: locked.ctrData,
        counter: locked.counter,
        operationId: operation.id,
        operationData: operation.data,
        nonce,
        otp,
        allowBiometry,
        lookAhead: locked.lookAhead,
        failedAttempts: locked.failedAttempts,
        maxFailedAttempts: locked.maxFailedAttempts,
        ...(seed ? { proximity: { seed, nowMs: Date.now(), stepCount: 1 } } : {}),
      }),
  ).catch((error: unknown) => {
    if (error instanceof PowerAuthError && error.code === "INVALID_OTP") throw otpInvalid();
    throw error;
  });

  // The operation follows the check: approved by a valid OTP, one failure more for a wrong one
  // (a registration that is not ACTIVE is refused without counting against the operation).
  const counted = outcome.note === "signature_does_not_match" || outcome.note === "max_failed_attempts";
  if (outcome.valid || counted) {
    const stateError = await db.$transaction(async (tx) => {
      const row = await lockOperation(tx, { operationId: operation.id, applicationId: operation.applicationId });
      if (!row || effectiveStatus(row) !== "PENDING") return operationStateChange();
      if (outcome.valid) {
        await writeOperationChange(tx, row, { to: "APPROVED", actor, reason: "APPROVED_OFFLINE", registrationId: registration.id, additionalData: { activationId: registration.id, signatureType: outcome.signatureType } });
      } else {
        await countFailedApproval(tx, row, { actor, registrationId: registration.id, why: "OTP_INVALID" });
      }
      return null;
    });
    if (stateError) throw stateError;
  }
  const after = outcome.registration;
  return {
    otpValid: outcome.valid,
    userId: operation.userId ?? "",
    operationId: operation.id,
    registrationId: registration.id,
    registrationStatus: after?.status ?? registration.status,
    signatureType: outcome.signatureType,
    remainingAttempts: outcome.remainingAttempts,
    flags: after?.flags ?? [],
    application: { name: operation.applicationId, roles: after?.roles ?? [] },
  };
}
