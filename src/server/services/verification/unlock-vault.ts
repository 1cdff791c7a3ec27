/**
 * `POST /pa/v3/vault/unlock` (protocol §12): after a possession+knowledge signature (biometry only
 * when the deployment enables it, off by default, §16), decrypt the activation-scope ECIES body
 * (`/pa/vault/unlock`), check the optional `reason`, and answer with the ECIES response of
 * `{"encryptedVaultEncryptionKey": Base64(AES-CBC-PKCS7(KEY_TRANSPORT, IV = 0, KEY_ENCRYPTION_VAULT))}`.
 * The keys are recomputed from the stored server private key and the device public key (§8).
 */
import { aesCbcEncrypt, ECIES_SHARED_INFO_1, toBase64, type EciesResponsePayload, type ProtocolVersion } from "@/powerauth/server";
import { defineStatement, hotQuery } from "@/server/db";
import { AppError } from "@/server/errors";

import { openEciesRequest } from "../registrations/mobile-ecies";
import { activationKeysOf } from "../registrations/registration-keys";
import type { SigningDevice } from "./create-token";

export const vaultFailed = () => new AppError("ERR_SECURE_VAULT", "POWER_AUTH_SECURE_VAULT_INVALID");

/** §12: the reason, when present, must match this. */
export const VAULT_REASON_PATTERN = /^[A-Za-z0-9_\-.]{3,255}$/;

const REGISTRATION_KEYS = defineStatement<[string]>()(
  "vault_registration_keys",
  "SELECT id::text, server_private_key_encrypted, device_public_key FROM registration WHERE id = $1::uuid AND status = 'ACTIVE'",
  (row) => ({ id: String(row.id), serverPrivateKeyEncrypted: String(row.server_private_key_encrypted), devicePublicKey: String(row.device_public_key) }),
);

function reasonOf(plaintext: Buffer): string | null {
  let value: unknown;
  try {
    value = plaintext.length === 0 ? {} : JSON.parse(plaintext.toString("utf8"));
  } catch {
    throw vaultFailed();
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw vaultFailed();
  const reason = (value as { reason?: unknown }).reason;
  if (reason === undefined || reason === null) return null;
  if (typeof reason !== "string" || !VAULT_REASON_PATTERN.test(reason)) throw vaultFailed();
  return reason;
}

export async function unlockVault({ device, body }: { device: SigningDevice; body: unknown }): Promise<{ response: EciesResponsePayload; reason: string | null }> {
  if (!device.signedBy) throw vaultFailed();
  const opened = await openEciesRequest({
    recipient: { applicationKey: device.signedBy.applicationKey, version: device.version as ProtocolVersion, activationId: device.signedBy.activationId },
    sharedInfo1: ECIES_SHARED_INFO_1.VAULT_UNLOCK,
    body,
    failure: vaultFailed,
  });
  if (opened.parties.activation?.id !== device.registration.id) throw vaultFailed();
  const reason = reasonOf(opened.plaintext);
  const [registration] = await hotQuery(REGISTRATION_KEYS, [device.registration.id]);
  if (!registration) throw vaultFailed(); // removed or blocked since the signature check
  const keys = activationKeysOf(registration);
  const encryptedVaultEncryptionKey = toBase64(aesCbcEncrypt(keys.transport, Buffer.alloc(16), keys.vaultEncryption));
  return { response: opened.respond({ encryptedVaultEncryptionKey }), reason };
}
