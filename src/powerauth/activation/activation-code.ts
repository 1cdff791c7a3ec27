/**
 * Activation codes and the activation QR payload (powerauth-protocol.md §3.1–§3.3).
 *
 * Server side: generate a code, sign it with the master private key and build
 * `activationQrCodeData`. Device side: auto-correct typed input, validate the CRC and verify the
 * signature of a scanned QR payload with the master public key built into the app.
 */
import { type Bytes, base32Decode, base32Encode, crc16Arc, fromBase64, toBase64, utf8 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { ecdsaSignDer, ecdsaVerifyDer, randomBytes } from "../core/primitives";

/** §3.2: four groups of five Base32 characters. */
export const ACTIVATION_CODE_PATTERN = /^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/;

/** §3.1: 10 random bytes carry the entropy; 2 more bytes carry the CRC. */
export const ACTIVATION_CODE_RANDOM_BYTES = 10;

/**
 * §3.1 steps 2–4: CRC-16/ARC of the 10 bytes appended big-endian, Base32 of the 12 bytes
 * (20 characters), grouped 5-5-5-5. Exposed so tests can rebuild the §18 codes from their bytes.
 */
export function activationCodeFromBytes(random: Bytes): string {
  if (random.length !== ACTIVATION_CODE_RANDOM_BYTES) {
    throw new PowerAuthError("INVALID_LENGTH", `activation code needs ${ACTIVATION_CODE_RANDOM_BYTES} bytes`);
  }
  const crc = crc16Arc(random);
  const text = base32Encode(Buffer.concat([random, Buffer.from([crc >>> 8, crc & 0xff])]));
  return `${text.slice(0, 5)}-${text.slice(5, 10)}-${text.slice(10, 15)}-${text.slice(15, 20)}`;
}

/**
 * §3.1 step 1. Uniqueness among CREATED/PENDING_COMMIT activations needs the database, so the
 * caller retries on a collision (the reference retries up to 10 times).
 */
export function generateActivationCode(): string {
  return activationCodeFromBytes(randomBytes(ACTIVATION_CODE_RANDOM_BYTES));
}

/**
 * §3.2: pattern, then Base32 decode to 12 bytes and compare the CRC. The decoder ignores the 4
 * padding bits of the last character, as the reference validator does. Never throws.
 */
export function isValidActivationCode(code: unknown): code is string {
  if (typeof code !== "string" || !ACTIVATION_CODE_PATTERN.test(code)) return false;
  const bytes = base32Decode(code.replace(/-/g, ""));
  if (bytes.length !== 12) return false;
  return crc16Arc(bytes.subarray(0, 10)) === ((bytes[10]! << 8) | bytes[11]!);
}

/** Like {@link isValidActivationCode} but fails with `INVALID_ACTIVATION_CODE`. */
export function assertValidActivationCode(code: unknown): string {
  if (typeof code !== "string" || !ACTIVATION_CODE_PATTERN.test(code)) {
    throw new PowerAuthError("INVALID_ACTIVATION_CODE", "activation code does not match XXXXX-XXXXX-XXXXX-XXXXX");
  }
  if (!isValidActivationCode(code)) {
    throw new PowerAuthError("INVALID_ACTIVATION_CODE", "activation code checksum (CRC-16) does not match");
  }
  return code;
}

/**
 * §3.2: the corrections the mobile clients apply to typed characters: lower case becomes upper
 * case, `0` becomes `O` and `1` becomes `I`. Other characters (the dashes) are kept as they are,
 * so the result still has to pass validation.
 */
export function autoCorrectActivationCode(input: string): string {
  return input.toUpperCase().replace(/0/g, "O").replace(/1/g, "I");
}

/**
 * §3.3: `Base64(ECDSA-DER-SHA256(KEY_SERVER_MASTER_PRIVATE, UTF8(code)))`; the signed bytes are the
 * 23 characters including the dashes.
 */
export function signActivationCode(code: string, masterPrivateKey: Bytes): string {
  assertValidActivationCode(code);
  return toBase64(ecdsaSignDer(masterPrivateKey, utf8(code)));
}

/** Verifies an activation signature; malformed Base64 or DER is simply "not valid". */
export function verifyActivationCodeSignature(code: string, signature: string, masterPublicKey: Bytes): boolean {
  let der: Buffer;
  try {
    der = fromBase64(signature, "activation signature");
  } catch {
    return false;
  }
  return der.length > 0 && ecdsaVerifyDer(masterPublicKey, utf8(code), der);
}

/** §3.3: the QR code / deeplink text `CODE#SIGNATURE`. */
export function buildActivationQrCodeData(code: string, masterPrivateKey: Bytes): string {
  return `${code}#${signActivationCode(code, masterPrivateKey)}`;
}

export interface ActivationQrCodeData {
  activationCode: string;
  /** Base64 DER signature, absent when the code was typed by hand. */
  activationSignature?: string;
}

/** Splits the QR text at the first `#` (as the SDK does) and checks the code's CRC. */
export function parseActivationQrCodeData(text: string): ActivationQrCodeData {
  const hash = text.indexOf("#");
  const activationCode = hash < 0 ? text : text.slice(0, hash);
  assertValidActivationCode(activationCode);
  if (hash < 0) return { activationCode };
  const activationSignature = text.slice(hash + 1);
  if (activationSignature.length === 0) {
    throw new PowerAuthError("INVALID_FORMAT", "activation QR data has an empty signature after '#'");
  }
  return { activationCode, activationSignature };
}

/**
 * Device side of §3.3: parse the QR text and, when a signature is present, refuse the code unless
 * it verifies with the master public key. A payload without a signature only gets the CRC check.
 */
export function verifyActivationQrCodeData(text: string, masterPublicKey: Bytes): ActivationQrCodeData {
  const parsed = parseActivationQrCodeData(text);
  if (
    parsed.activationSignature !== undefined &&
    !verifyActivationCodeSignature(parsed.activationCode, parsed.activationSignature, masterPublicKey)
  ) {
    throw new PowerAuthError("INVALID_SIGNATURE", "activation code signature does not verify with the master key");
  }
  return parsed;
}
