/**
 * Device side of the secure vault (powerauth-protocol.md §12 `/pa/v3/vault/unlock`): the server
 * answers with `encryptedVaultEncryptionKey = AES-CBC-PKCS7(KEY_TRANSPORT, IV = 0,
 * KEY_ENCRYPTION_VAULT)`. The device decrypts it with its transport key. A real SDK then uses the
 * vault key to open what it keeps encrypted (the possession key for biometry, the device private
 * key); this state holds those in clear, so instead the unlocked key is checked against the one the
 * device derives itself (§8), which proves the server sent the right key.
 */
import { computeMasterSecret, deriveActivationKeys } from "../activation/activation-keys";
import { decodePrivateKeyBase64, decodePublicKeyBase64 } from "../activation/application-keys";
import { fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { aesCbcDecrypt, constantTimeEqual } from "../core/primitives";
import type { DeviceActivation } from "./device-state";

/** The decrypted vault-unlock response → the 16-byte vault encryption key (Base64), verified. */
export function openVaultUnlockResponse(activation: DeviceActivation, response: unknown): string {
  const encrypted = (response as { encryptedVaultEncryptionKey?: unknown } | null)?.encryptedVaultEncryptionKey;
  if (typeof encrypted !== "string") throw new PowerAuthError("INVALID_FORMAT", "vault unlock response must have encryptedVaultEncryptionKey");
  const transport = fromBase64(activation.keys.transport, "transport key", 16);
  const vaultKey = aesCbcDecrypt(transport, Buffer.alloc(16), fromBase64(encrypted, "encryptedVaultEncryptionKey", 32));
  const own = deriveActivationKeys(
    computeMasterSecret(decodePrivateKeyBase64(activation.devicePrivateKey), decodePublicKeyBase64(activation.serverPublicKey)),
  ).vaultEncryption;
  if (vaultKey.length !== 16 || !constantTimeEqual(vaultKey, own)) throw new PowerAuthError("INVALID_KEY", "the unlocked vault key is not this activation's");
  return toBase64(vaultKey);
}
