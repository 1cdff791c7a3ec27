/**
 * The activation key exchange (`POST /pa/v3/activation/create`, protocol §7): a device presents the
 * activation code of a CREATED registration inside two ECIES layers, with its public key. On
 * success the registration gets the device key, a fresh hash-based counter, the fingerprint and the
 * device's details, and becomes PENDING_COMMIT, or ACTIVE when a valid OTP was checked now or its
 * commit phase is the key exchange (§4). Versions 3.0–3.3 as the application allows them; 3.3
 * encrypts both layers to an application-scope temporary key.
 *
 * Errors are §7.1's: ERR_ACTIVATION for anything about the activation (unknown or expired code,
 * OTP, layer 2), ERR_ENCRYPTION for the outer envelope (MAC, timestamp, replay), ERR_TEMPORARY_KEY
 * for a missing, foreign or expired temporary key. A wrong OTP counts as a failed attempt (and at
 * the maximum removes the registration) before the error is returned.
 */
import {
  buildActivationResponse,
  completeActivationKeyExchange,
  decideActivationOtp,
  decryptActivationLayer1,
  encodePublicKey,
  keyPairFromPrivateKey,
  parseEciesRequest,
  PowerAuthError,
  processActivationLayer2,
  toBase64,
  type ActivationDecryptOptions,
  type EciesResponsePayload,
  type PowerAuthErrorCode,
} from "@/powerauth/server";
import type { OtpValidation } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import { deviceActor } from "../access/actor";
import {
  eciesPrivateKeyOf,
  eciesScopeInput,
  encryptionFailed,
  orFail,
  recipientFromEncryptionHeader,
  rememberUniqueValue,
  resolveEciesParties,
} from "./mobile-ecies";
import { OTP_MAX_FAILED_ATTEMPTS, otpMatches, otpRulesOf } from "./registration-otp";
import { openServerPrivateKey } from "./registration-keys";
import { writeStatusChange, type LockedRegistrationRow } from "./registration-status-change";

export const activationFailed = () => new AppError("ERR_ACTIVATION", "POWER_AUTH_ACTIVATION_INVALID");

/** Failures of the envelope itself (as opposed to what the decrypted layer 1 says). */
const ENVELOPE_ERRORS: ReadonlySet<PowerAuthErrorCode> = new Set([
  "INVALID_MAC",
  "DECRYPTION_FAILED",
  "TIMESTAMP_IN_FUTURE",
  "TIMESTAMP_EXPIRED",
  "INVALID_KEY",
  "INVALID_POINT",
  "INVALID_BASE64",
  "INVALID_LENGTH",
]);

/** What the device may store about itself; longer (or NUL-containing) values are refused. */
const DEVICE_TEXT_LIMITS = { activationName: 255, platform: 32, deviceInfo: 255, extras: 4096 } as const;

function deviceText(value: string | undefined, limit: number): string | null {
  if (value === undefined) return null;
  if (value.length > limit || value.includes("\0")) throw activationFailed();
  return value;
}

export async function createActivation({
  encryptionHeader,
  body,
  now = Date.now(),
}: {
  /** `X-PowerAuth-Encryption` as received. */
  encryptionHeader: string | undefined;
  /** The parsed JSON of the layer-1 request body. */
  body: unknown;
  now?: number;
}): Promise<EciesResponsePayload> {
  const recipient = recipientFromEncryptionHeader(encryptionHeader, "application");
  const parties = await resolveEciesParties(recipient, "application", activationFailed);
  const options = (privateKey: Buffer): ActivationDecryptOptions => ({ ...eciesScopeInput(parties), privateKey, now });

  // Layer 1 (§7.2 step 1): the envelope is the encryption layer; what it says is the activation's.
  const request = orFail(encryptionFailed, () => parseEciesRequest(body, recipient.version));
  const layer1Key = await eciesPrivateKeyOf(parties, request, now);
  let layer1: ReturnType<typeof decryptActivationLayer1>;
  try {
    layer1 = decryptActivationLayer1(request, options(layer1Key));
  } catch (error) {
    if (error instanceof PowerAuthError) throw ENVELOPE_ERRORS.has(error.code) ? encryptionFailed() : activationFailed();
    throw error;
  }
  await rememberUniqueValue(layer1.uniqueValue, layer1.uniqueValueExpiresAt, encryptionFailed);
  // Recovery codes, and CUSTOM/DIRECT identities, are not offered by this server (§3.4, §7.2).
  if (layer1.request.type !== "CODE") throw activationFailed();
  const activationCode = layer1.request.identityAttributes.code!;

  // Layer 2 (§7.2 step 3): 3.3 names its temporary key again, with another ephemeral key.
  const layer2Key = await eciesPrivateKeyOf(parties, layer1.layer2Request, now);
  const layer2 = orFail(activationFailed, () => processActivationLayer2(layer1, options(layer2Key)));
  await rememberUniqueValue(layer2.uniqueValue, layer2.uniqueValueExpiresAt, activationFailed);
  const device = layer2.request;
  const details = {
    name: deviceText(device.activationName, DEVICE_TEXT_LIMITS.activationName),
    platform: deviceText(device.platform, DEVICE_TEXT_LIMITS.platform),
    deviceInfo: deviceText(device.deviceInfo, DEVICE_TEXT_LIMITS.deviceInfo),
    extras: deviceText(device.extras, DEVICE_TEXT_LIMITS.extras),
  };

  const outcome = await db.$transaction(async (tx) => {
    // §7.2 step 2: the CREATED registration of this application with this code, not expired.
    const rows = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT id::text, application_id, user_id, status::text, expires_at, otp_validation::text, otp_hash,
             failed_attempts, max_failed_attempts, flags, blocked_reason, server_private_key_encrypted
        FROM registration
       WHERE application_id = ${parties.application.id} AND activation_code = ${activationCode} AND status = 'CREATED'
         FOR UPDATE`;
    const found = rows[0];
    if (!found || (found.expires_at as Date).getTime() <= now) return { refused: true as const };
    const row: LockedRegistrationRow = {
      id: String(found.id),
      applicationId: String(found.application_id),
      userId: String(found.user_id),
      status: "CREATED",
      expiresAt: found.expires_at as Date,
      otpValidation: found.otp_validation as OtpValidation,
      otpHash: (found.otp_hash as string | null) ?? null,
      failedAttempts: Number(found.failed_attempts),
      maxFailedAttempts: Number(found.max_failed_attempts),
      flags: found.flags as string[],
      blockedReason: (found.blocked_reason as string | null) ?? null,
    };
    const actor = deviceActor(row);

    // §4 OTP rules for the key exchange; a mismatch counts and is kept.
    const decision = decideActivationOtp({
      ...otpRulesOf(row.otpValidation),
      currentPhase: "ON_KEY_EXCHANGE",
      otpSupplied: device.activationOtp !== undefined,
      otpMatches: await otpMatches(row.otpHash, device.activationOtp),
      failedAttempts: row.failedAttempts,
      maxFailedAttempts: row.maxFailedAttempts,
    });
    if (!decision.accepted) {
      if (decision.removeActivation) {
        await writeStatusChange(tx, row, { to: "REMOVED", actor, reason: OTP_MAX_FAILED_ATTEMPTS, failedAttempts: decision.failedAttempts });
      } else if (decision.failedAttempts !== row.failedAttempts) {
        await tx.registration.update({ where: { id: row.id }, data: { failedAttempts: decision.failedAttempts } });
      }
      return { refused: true as const };
    }

    // §7.2 steps 4–6: the server key pair made at init, the device key, CTR_DATA, fingerprint.
    const exchange = completeActivationKeyExchange({
      activationId: row.id,
      devicePublicKey: device.devicePublicKey,
      serverKeyPair: keyPairFromPrivateKey(openServerPrivateKey(row.id, String(found.server_private_key_encrypted))),
    });
    await tx.registration.update({
      where: { id: row.id },
      data: {
        devicePublicKey: encodePublicKey(exchange.devicePublicKey),
        ctrData: toBase64(exchange.ctrData),
        counter: 0,
        fingerprint: exchange.fingerprint,
        ...details,
        protocolVersion: recipient.version,
        lastUsedAt: new Date(now),
      },
    });
    await writeStatusChange(tx, row, { to: decision.resultingState, actor, failedAttempts: decision.failedAttempts });
    const response = buildActivationResponse(layer1, layer2, {
      activationId: row.id,
      serverPublicKey: exchange.serverKeyPair.publicKey,
      ctrData: exchange.ctrData,
      now: Date.now(),
    });
    return { refused: false as const, response };
  });
  if (outcome.refused) throw activationFailed();
  return outcome.response;
}
