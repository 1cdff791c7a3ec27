/**
 * Activation key derivation (powerauth-protocol.md §8). Both sides compute the same master secret
 * from their own private key and the other side's public key; every other key is an AES-KDF of it.
 * The server does not need to store derived keys: it recomputes them from the stored server
 * private key and device public key.
 */
import type { Bytes } from "../core/encoding";
import { ecdh, kdf, r16 } from "../core/primitives";

/** KDF indexes of §8. */
export const KEY_INDEX = {
  signaturePossession: 1,
  signatureKnowledge: 2,
  signatureBiometry: 3,
  transport: 1000,
  vaultEncryption: 2000,
  /** Applied to KEY_TRANSPORT, not to the master secret. */
  transportIv: 3000,
  /** Applied to KEY_TRANSPORT, not to the master secret. */
  transportCtr: 4000,
} as const;

export interface ActivationKeys {
  signaturePossession: Buffer;
  signatureKnowledge: Buffer;
  signatureBiometry: Buffer;
  transport: Buffer;
  vaultEncryption: Buffer;
}

/**
 * `KEY_MASTER_SECRET = R16(ECDH(ownPrivate, otherPublic))`: the server passes
 * (KEY_SERVER_PRIVATE, KEY_DEVICE_PUBLIC), the device (KEY_DEVICE_PRIVATE, KEY_SERVER_PUBLIC).
 * The public key is validated (point on the curve) by `ecdh`.
 */
export function computeMasterSecret(ownPrivateKey: Bytes, otherPublicKey: Bytes): Buffer {
  return r16(ecdh(ownPrivateKey, otherPublicKey));
}

/** All five named keys of §8 from the master secret. */
export function deriveActivationKeys(masterSecret: Bytes): ActivationKeys {
  return {
    signaturePossession: kdf(masterSecret, KEY_INDEX.signaturePossession),
    signatureKnowledge: kdf(masterSecret, KEY_INDEX.signatureKnowledge),
    signatureBiometry: kdf(masterSecret, KEY_INDEX.signatureBiometry),
    transport: kdf(masterSecret, KEY_INDEX.transport),
    vaultEncryption: kdf(masterSecret, KEY_INDEX.vaultEncryption),
  };
}

/** `KEY_TRANSPORT = KDF(MASTER, 1000)` alone, for callers that need nothing else. */
export function deriveTransportKey(masterSecret: Bytes): Buffer {
  return kdf(masterSecret, KEY_INDEX.transport);
}

/** `KEY_TRANSPORT_IV = KDF(KEY_TRANSPORT, 3000)`: status blob IV derivation (§9). */
export function deriveTransportIvKey(transportKey: Bytes): Buffer {
  return kdf(transportKey, KEY_INDEX.transportIv);
}

/** `KEY_TRANSPORT_CTR = KDF(KEY_TRANSPORT, 4000)`: hash of the counter in the status blob (§9). */
export function deriveTransportCtrKey(transportKey: Bytes): Buffer {
  return kdf(transportKey, KEY_INDEX.transportCtr);
}
