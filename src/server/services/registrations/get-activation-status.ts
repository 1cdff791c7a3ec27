/**
 * The activation status a device asks for (`POST /pa/v3/activation/status`, protocol §9): the
 * encrypted 32-byte status blob with the state, the failure counts, the look-ahead window and the
 * counter data the device synchronises with. Unauthenticated by design: the blob only decrypts
 * with the device's transport key. An unknown registration, or one that never finished key
 * exchange, gets random bytes (the device then treats it as unusable). Reading changes nothing.
 */
import { encryptStatusBlob, fromBase64, randomStatusBlob, type ActivationState } from "@/powerauth/server";
import { defineStatement, hotQuery } from "@/server/db";

import { activationFailed } from "./create-activation";
import { orFail } from "./mobile-ecies";
import { activationKeysOf } from "./registration-keys";

const REGISTRATION_STATUS = defineStatement<[string]>()(
  "mobile_registration_status",
  `SELECT r.id::text, r.status::text, r.ctr_data, r.counter, r.failed_attempts, r.max_failed_attempts,
          r.server_private_key_encrypted, r.device_public_key, a.signature_look_ahead
     FROM registration r JOIN application a ON a.id = r.application_id
    WHERE r.id = $1::uuid`,
  (row) => ({
    id: String(row.id),
    status: row.status as ActivationState,
    ctrData: (row.ctr_data as string | null) ?? null,
    counter: Number(row.counter),
    failedAttempts: Number(row.failed_attempts),
    maxFailedAttempts: Number(row.max_failed_attempts),
    serverPrivateKeyEncrypted: String(row.server_private_key_encrypted),
    devicePublicKey: (row.device_public_key as string | null) ?? null,
    lookAhead: Number(row.signature_look_ahead),
  }),
);

export async function getActivationStatus({
  activationId,
  challenge,
}: {
  activationId: string;
  /** Base64 of 16 random bytes from a 3.1+ device; absent from 3.0 devices. */
  challenge?: string;
}): Promise<{ activationId: string; encryptedStatusBlob: string; nonce?: string }> {
  const challengeBytes = challenge === undefined ? null : orFail(activationFailed, () => fromBase64(challenge, "challenge", 16));
  const [row] = await hotQuery(REGISTRATION_STATUS, [activationId]);
  const blob =
    row && row.devicePublicKey && row.ctrData
      ? encryptStatusBlob(
          {
            state: row.status,
            counter: row.counter,
            ctrData: Buffer.from(row.ctrData, "base64"),
            failedAttempts: row.failedAttempts,
            maxFailedAttempts: row.maxFailedAttempts,
            lookAhead: row.lookAhead,
          },
          { transportKey: activationKeysOf({ ...row, devicePublicKey: row.devicePublicKey }).transport, challenge: challengeBytes },
        )
      : randomStatusBlob(challengeBytes);
  return {
    activationId,
    encryptedStatusBlob: blob.encryptedStatusBlob.toString("base64"),
    ...(blob.nonce ? { nonce: blob.nonce.toString("base64") } : {}),
  };
}
