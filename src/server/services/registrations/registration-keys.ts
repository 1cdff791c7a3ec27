/**
 * The per-activation key material (protocol §4, §8): the server key pair is sealed at rest, bound
 * to its registration; the signature, transport and vault keys are derived when needed from the
 * server private key and the device public key, never stored (§8: "recompute them").
 */
import { computeMasterSecret, deriveActivationKeys, type ActivationKeys } from "@/powerauth/server";
import { openSecret, sealSecret } from "@/server/security/secret-box";

const keyContext = (registrationId: string) => `registration-server-key:${registrationId}`;

export function sealServerPrivateKey(registrationId: string, privateKey: Uint8Array): string {
  return sealSecret(privateKey, keyContext(registrationId));
}

export function openServerPrivateKey(registrationId: string, sealed: string): Buffer {
  return openSecret(sealed, keyContext(registrationId));
}

/** KEY_MASTER_SECRET and everything derived from it (§8), for an activation past key exchange. */
export function activationKeysOf(registration: { id: string; serverPrivateKeyEncrypted: string; devicePublicKey: string }): ActivationKeys {
  const serverPrivateKey = openServerPrivateKey(registration.id, registration.serverPrivateKeyEncrypted);
  return deriveActivationKeys(computeMasterSecret(serverPrivateKey, Buffer.from(registration.devicePublicKey, "base64")));
}
