/**
 * Activation fingerprint (powerauth-protocol.md §7.3, §19.4): 8 decimal digits the user compares
 * between the app and the back office before committing.
 *
 * ```
 * H  = SHA256( X(KEY_DEVICE_PUBLIC) || UTF8(ACTIVATION_ID) || X(KEY_SERVER_PUBLIC) )
 * FP = ( uint32_be(H[28..32)) & 0x7FFFFFFF ) mod 10^8, zero-padded to 8 digits
 * ```
 * `X(k)` is only the X coordinate, as Java's `BigInteger` magnitude: leading zero bytes removed.
 */
import { type Bytes, utf8 } from "../core/encoding";
import { decodePublicKey, sha256 } from "../core/primitives";

/** §16: fingerprint length. */
export const FINGERPRINT_DIGITS = 8;

/** The X coordinate of a public key as a minimal unsigned big-endian integer (normally 32 bytes, sometimes fewer). */
export function publicKeyCoordinateX(publicKey: Bytes): Buffer {
  const x = decodePublicKey(publicKey).subarray(1, 33);
  let start = 0;
  while (start < x.length - 1 && x[start] === 0) start++;
  return x.subarray(start);
}

export function computeActivationFingerprint(devicePublicKey: Bytes, activationId: string, serverPublicKey: Bytes): string {
  const hash = sha256(publicKeyCoordinateX(devicePublicKey), utf8(activationId), publicKeyCoordinateX(serverPublicKey));
  const value = (hash.readUInt32BE(28) & 0x7fffffff) % 10 ** FINGERPRINT_DIGITS;
  return value.toString().padStart(FINGERPRINT_DIGITS, "0");
}
