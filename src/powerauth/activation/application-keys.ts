/**
 * Application setup material (powerauth-protocol.md §2) and the per-activation server key pair
 * (§4 init), plus the wire encodings of keys (§1): public keys are emitted as Base64 of the
 * 65-byte uncompressed point, private keys are stored as exactly 32 bytes.
 */
import { type Bytes, fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import {
  type EcKeyPair,
  decodePublicKey,
  generateKeyPair,
  normalizePrivateKey,
  publicKeyFromPrivate,
  randomBytes,
} from "../core/primitives";

/** §2: `KEY_SERVER_MASTER_PRIVATE/PUBLIC` of an application (the newest pair is the one in use). */
export function generateMasterKeyPair(): EcKeyPair {
  return generateKeyPair();
}

/** §4 init: `KEY_SERVER_PRIVATE/PUBLIC`, one pair per activation. */
export function generateServerKeyPair(): EcKeyPair {
  return generateKeyPair();
}

export interface ApplicationVersionCredentials {
  /** `APP_KEY`: Base64 of 16 random bytes (24 characters); must be unique across the server. */
  applicationKey: string;
  /** `APP_SECRET`: Base64 of 16 random bytes; most computations use this Base64 *text* (§19.7). */
  applicationSecret: string;
}

/** §2: a fresh application version key and secret. Uniqueness of the key is the caller's job. */
export function generateApplicationVersionCredentials(): ApplicationVersionCredentials {
  return { applicationKey: toBase64(randomBytes(16)), applicationSecret: toBase64(randomBytes(16)) };
}

/** Base64 of the 65-byte uncompressed point, the form the server always emits (§1). */
export function encodePublicKey(publicKey: Bytes): string {
  return toBase64(decodePublicKey(publicKey));
}

/** Base64 of the 32-byte scalar. */
export function encodePrivateKey(privateKey: Bytes): string {
  return toBase64(normalizePrivateKey(privateKey));
}

/**
 * Decodes a Base64 public key in either encoding (33 or 65 bytes), rejects points that are not on
 * the curve, and returns the uncompressed form.
 */
export function decodePublicKeyBase64(text: string, what = "public key"): Buffer {
  return decodePublicKey(fromBase64(text, what), what);
}

/**
 * Decodes a Base64 private key. Java `BigInteger.toByteArray()` output (31–33 bytes) is
 * normalised to 32 bytes (§1), and the scalar must be usable on P-256.
 */
export function decodePrivateKeyBase64(text: string, what = "private key"): Buffer {
  const bytes = fromBase64(text, what);
  if (bytes.length < 1 || bytes.length > 33) {
    throw new PowerAuthError("INVALID_KEY", `${what} must be 1–33 bytes, got ${bytes.length}`);
  }
  const key = normalizePrivateKey(bytes);
  publicKeyFromPrivate(key); // throws INVALID_KEY for 0 or a scalar ≥ n
  return key;
}

/** Restores a key pair from a stored private key (the public key is recomputed, not trusted). */
export function keyPairFromPrivateKey(privateKey: Bytes): EcKeyPair {
  const normalized = normalizePrivateKey(privateKey);
  return { privateKey: normalized, publicKey: publicKeyFromPrivate(normalized) };
}
