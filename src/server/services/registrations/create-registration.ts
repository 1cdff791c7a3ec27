/**
 * Creates a registration (Cloud `POST /v2/registrations`; protocol §3, §4 "init"): a CREATED
 * activation with a fresh activation code signed by the application's master key, its own server
 * key pair (sealed), the OTP rule and its hash, and an expiry from the application's settings.
 * One unfinished registration per user and application at a time (ERROR_REGISTRATION_NOT_ALLOWED).
 */
import crypto from "node:crypto";

import { buildActivationQrCodeData, encodePublicKey, generateActivationCode, generateServerKeyPair } from "@/powerauth/server";
import type { OtpValidation } from "@/generated/prisma/enums";
import { db, sqlOf } from "@/server/db";
import { AppError } from "@/server/errors";
import { hashPassword } from "@/server/security/password";
import { openSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { masterKeyContext } from "../applications/application-keys";
import { recordAuditEvent } from "../audit/record-audit-event";
import { recordRegistrationChange } from "./registration-changes";
import { sealServerPrivateKey } from "./registration-keys";
import { registrationNotFound } from "./registration-transitions";
import { registrationScopeApplication } from "./registration-views";

/** Staff and operator actions also go to the staff audit log; a bank backend's calls do not. */
export const isStaffSide = (actor: Actor) => actor.type === "STAFF" || actor.type === "CLI";

const CODE_ATTEMPTS = 10; // the reference retries generation up to 10 times (§3.1)

export async function createRegistration({
  actor,
  applicationId,
  userId,
  otp,
  otpValidation = "NONE",
  flags = [],
}: {
  actor: Actor;
  /** The application, from the caller's credential (or chosen by staff). */
  applicationId: string;
  userId: string;
  otp?: string;
  otpValidation?: OtpValidation;
  flags?: string[];
}): Promise<{ registrationId: string; activationQrCodeData: string; activationCode: string; expiresAt: Date }> {
  assertCan(actor, "registrations.write");
  // A credential creates registrations of its own application only; another one "does not exist".
  if (registrationScopeApplication(actor, applicationId).impossible) throw registrationNotFound("Application not found for the registration");
  if ((otpValidation === "NONE") !== !otp) throw new AppError("ERROR_REQUEST", "An OTP goes with an otpValidation of ON_KEY_EXCHANGE or ON_COMMIT, and only then");
  const otpHash = otp ? await hashPassword(otp) : null;
  const serverKeys = generateServerKeyPair();
  const registrationId = crypto.randomUUID();

  return db.$transaction(async (tx) => {
    // One unfinished registration per user: serialise this user's creates, then look.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`registration:${applicationId}:${userId}`}, 0))`;
    const app = await tx.application.findUnique({
      where: { id: applicationId },
      select: { activationValiditySeconds: true, maxFailedAttempts: true, masterKeyPairs: { select: { privateKeyEncrypted: true }, orderBy: { createdAt: "desc" }, take: 1 } },
    });
    const masterKey = app?.masterKeyPairs[0];
    if (!app || !masterKey) throw registrationNotFound("Application not found for the registration");
    const open = await tx.registration.findFirst({
      where: { applicationId, userId, status: { in: ["CREATED", "PENDING_COMMIT"] }, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    if (open) throw new AppError("ERROR_REGISTRATION_NOT_ALLOWED", "Registration is already in progress");

    const masterPrivateKey = openSecret(masterKey.privateKeyEncrypted, masterKeyContext(applicationId));
    const expiresAt = new Date(Date.now() + app.activationValiditySeconds * 1000);
    for (let attempt = 1; ; attempt++) {
      const activationCode = generateActivationCode();
      // The code must be unique among unfinished registrations (§3.1; a partial unique index).
      const taken = await tx.registration.findFirst({ where: { applicationId, activationCode, status: { in: ["CREATED", "PENDING_COMMIT"] } }, select: { id: true } });
      if (taken) {
        if (attempt >= CODE_ATTEMPTS) throw new AppError("ERROR_REGISTRATION", "Could not generate a unique activation code");
        continue;
      }
      const activationQrCodeData = buildActivationQrCodeData(activationCode, masterPrivateKey);
      await tx.registration.create({
        data: {
          id: registrationId,
          applicationId,
          userId,
          status: "CREATED",
          activationCode,
          activationSignature: activationQrCodeData.slice(activationCode.length + 1),
          otpValidation,
          otpHash,
          expiresAt,
          flags: [...new Set(flags)],
          serverPublicKey: encodePublicKey(serverKeys.publicKey),
          serverPrivateKeyEncrypted: sealServerPrivateKey(registrationId, serverKeys.privateKey),
          maxFailedAttempts: app.maxFailedAttempts,
        },
      });
      await recordRegistrationChange(sqlOf(tx), { registrationId, applicationId, userId, from: null, to: "CREATED", actor });
      if (isStaffSide(actor)) {
        await recordAuditEvent(tx, {
          actor,
          action: "registration.create",
          targetType: "registration",
          targetId: registrationId,
          applicationId,
          after: { userId, otpValidation, flags, expiresAt },
        });
      }
      return { registrationId, activationQrCodeData, activationCode, expiresAt };
    }
  });
}
