/**
 * Protocol primitives, exactly as defined in powerauth-protocol.md §1: randomness, constant-time
 * comparison, SHA-256, HMAC, the three KDFs, AES-128-CBC and P-256 (keys, ECDH, ECDSA). Every other
 * module of the library is written in terms of these functions and the encodings of
 * `encoding.ts`, so a reader can follow the document line by line. All byte values are
 * `Uint8Array` (Node `Buffer` is one); all integers are big-endian.
 */
import crypto from "node:crypto";

import { type Bytes, concat, int64be, toBase64Url, uint32be, utf8 } from "./encoding";
import { PowerAuthError } from "./errors";

const CURVE = "prime256v1";

// ---------------------------------------------------------------------------------------------
// Randomness and constant-time comparison
// ---------------------------------------------------------------------------------------------

export function randomBytes(length: number): Buffer {
  return crypto.randomBytes(length);
}

/** Equality of two secrets in constant time (the lengths themselves are not secret). */
export function constantTimeEqual(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  return crypto.timingSafeEqual(a, b);
}

/** Equality of two strings in constant time, comparing their UTF-8 bytes. */
export function constantTimeEqualText(a: string, b: string): boolean {
  return constantTimeEqual(utf8(a), utf8(b));
}

// ---------------------------------------------------------------------------------------------
// Hashes, MACs, KDFs, AES (§1)
// ---------------------------------------------------------------------------------------------

export function sha256(...parts: Bytes[]): Buffer {
  const hash = crypto.createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function hmacSha256(key: Bytes, ...message: Bytes[]): Buffer {
  const mac = crypto.createHmac("sha256", key);
  for (const part of message) mac.update(part);
  return mac.digest();
}

/** `R16(x)[i] = x[i] XOR x[i+16]`. */
export function r16(x: Bytes): Buffer {
  if (x.length !== 32) throw new PowerAuthError("INVALID_LENGTH", `R16 needs 32 bytes, got ${x.length}`);
  const out = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) out[i] = x[i]! ^ x[i + 16]!;
  return out;
}

function requireKey16(key: Bytes, what: string): void {
  if (key.length !== 16) throw new PowerAuthError("INVALID_KEY", `${what} must be 16 bytes, got ${key.length}`);
}

/** `KDF(key, n) = AES-128-ECB(key, 0x00×8 || int64_be(n))`: the "AES KDF" for named keys. */
export function kdf(key: Bytes, index: number | bigint): Buffer {
  requireKey16(key, "KDF key");
  const cipher = crypto.createCipheriv("aes-128-ecb", key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(concat(Buffer.alloc(8), int64be(index))), cipher.final()]);
}

/** `KDF_INTERNAL(key, data) = R16(HMAC-SHA256(key, data))`: the secret is the HMAC key (§19.1). */
export function kdfInternal(key: Bytes, data: Bytes): Buffer {
  return r16(hmacSha256(key, data));
}

/** ANSI X9.63 KDF with SHA-256, output length `length`. */
export function x963(secret: Bytes, info: Bytes, length: number): Buffer {
  const blocks: Buffer[] = [];
  let produced = 0;
  for (let counter = 1; produced < length; counter++) {
    const block = sha256(secret, uint32be(counter), info);
    blocks.push(block);
    produced += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** AES-128-CBC encryption, PKCS#7 padding unless `padding` is false. */
export function aesCbcEncrypt(key: Bytes, iv: Bytes, plaintext: Bytes, padding = true): Buffer {
  requireKey16(key, "AES key");
  if (iv.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "AES IV must be 16 bytes");
  if (!padding && plaintext.length % 16 !== 0) {
    throw new PowerAuthError("INVALID_LENGTH", "AES without padding needs whole 16-byte blocks");
  }
  const cipher = crypto.createCipheriv("aes-128-cbc", key, iv);
  cipher.setAutoPadding(padding);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

/** AES-128-CBC decryption; bad padding or a wrong length becomes `DECRYPTION_FAILED`. */
export function aesCbcDecrypt(key: Bytes, iv: Bytes, ciphertext: Bytes, padding = true): Buffer {
  requireKey16(key, "AES key");
  if (iv.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "AES IV must be 16 bytes");
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new PowerAuthError("DECRYPTION_FAILED", "ciphertext is not a whole number of AES blocks");
  }
  try {
    const decipher = crypto.createDecipheriv("aes-128-cbc", key, iv);
    decipher.setAutoPadding(padding);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new PowerAuthError("DECRYPTION_FAILED", "AES decryption failed (bad key or padding)");
  }
}

// ---------------------------------------------------------------------------------------------
// P-256: keys, ECDH, ECDSA (§1)
// ---------------------------------------------------------------------------------------------

export interface EcKeyPair {
  /** 32-byte big-endian scalar. */
  privateKey: Buffer;
  /** 65-byte uncompressed point. */
  publicKey: Buffer;
}

export function generateKeyPair(): EcKeyPair {
  const ecdh = crypto.createECDH(CURVE);
  ecdh.generateKeys();
  return { privateKey: normalizePrivateKey(ecdh.getPrivateKey()), publicKey: ecdh.getPublicKey(null, "uncompressed") };
}

/**
 * Normalises a private scalar to 32 bytes. Java `BigInteger.toByteArray()` gives 31–33 bytes
 * (a leading 0x00 sign byte, or fewer bytes for a small value).
 */
export function normalizePrivateKey(key: Bytes): Buffer {
  let bytes = Buffer.from(key);
  while (bytes.length > 32 && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length > 32 || bytes.length === 0) {
    throw new PowerAuthError("INVALID_KEY", `private key must be at most 32 bytes, got ${key.length}`);
  }
  return bytes.length === 32 ? bytes : Buffer.concat([Buffer.alloc(32 - bytes.length), bytes]);
}

function ecdhWithPrivate(privateKey: Bytes): crypto.ECDH {
  const ecdh = crypto.createECDH(CURVE);
  try {
    ecdh.setPrivateKey(normalizePrivateKey(privateKey));
  } catch (error) {
    if (error instanceof PowerAuthError) throw error;
    throw new PowerAuthError("INVALID_KEY", "private key is not a valid P-256 scalar");
  }
  return ecdh;
}

export function publicKeyFromPrivate(privateKey: Bytes): Buffer {
  return ecdhWithPrivate(privateKey).getPublicKey(null, "uncompressed");
}

function requirePointShape(key: Bytes, what: string): void {
  const prefix = key[0];
  const shapeOk =
    (key.length === 33 && (prefix === 0x02 || prefix === 0x03)) || (key.length === 65 && prefix === 0x04);
  if (!shapeOk) {
    throw new PowerAuthError("INVALID_POINT", `${what} must be a 33-byte compressed or 65-byte uncompressed P-256 point`);
  }
}

/**
 * Decodes a P-256 public key given compressed (33 bytes) or uncompressed (65 bytes), rejects points
 * that are not on the curve, and returns the 65-byte uncompressed form.
 */
export function decodePublicKey(key: Bytes, what = "public key"): Buffer {
  requirePointShape(key, what);
  try {
    return crypto.ECDH.convertKey(key, CURVE, undefined, undefined, "uncompressed") as Buffer;
  } catch {
    throw new PowerAuthError("INVALID_POINT", `${what} is not a point on P-256`);
  }
}

/** Compressed 33-byte form of a valid public key. */
export function compressPublicKey(key: Bytes): Buffer {
  return crypto.ECDH.convertKey(decodePublicKey(key), CURVE, undefined, undefined, "compressed") as Buffer;
}

/**
 * `ECDH(priv, pub)`: the 32-byte X coordinate of the shared point. OpenSSL's `computeSecret`
 * itself refuses points off the curve, so the point is not decoded a second time here (that
 * cost about a fifth of every ECDH, see `npm run bench:protocol`).
 */
export function ecdh(privateKey: Bytes, publicKey: Bytes): Buffer {
  requirePointShape(publicKey, "public key");
  const own = ecdhWithPrivate(privateKey);
  try {
    return own.computeSecret(publicKey);
  } catch {
    throw new PowerAuthError("INVALID_POINT", "public key is not a point on P-256");
  }
}

function jwkCoordinates(publicKey: Buffer): { x: string; y: string } {
  return { x: toBase64Url(publicKey.subarray(1, 33)), y: toBase64Url(publicKey.subarray(33, 65)) };
}

/** A private `KeyObject` from a raw scalar (for ECDSA). Callers that sign often may cache it. */
export function privateKeyObject(privateKey: Bytes): crypto.KeyObject {
  const d = normalizePrivateKey(privateKey);
  const publicKey = publicKeyFromPrivate(d);
  return crypto.createPrivateKey({
    key: { kty: "EC", crv: "P-256", d: toBase64Url(d), ...jwkCoordinates(publicKey) },
    format: "jwk",
  });
}

/** A public `KeyObject` from a raw point (compressed or uncompressed). */
export function publicKeyObject(publicKey: Bytes): crypto.KeyObject {
  return crypto.createPublicKey({
    key: { kty: "EC", crv: "P-256", ...jwkCoordinates(decodePublicKey(publicKey)) },
    format: "jwk",
  });
}

type SigningKey = Bytes | crypto.KeyObject;
type VerifyingKey = Bytes | crypto.KeyObject;

function asPrivate(key: SigningKey): crypto.KeyObject {
  return key instanceof crypto.KeyObject ? key : privateKeyObject(key);
}

function asPublic(key: VerifyingKey): crypto.KeyObject {
  return key instanceof crypto.KeyObject ? key : publicKeyObject(key);
}

/** ECDSA-SHA256 signature in ASN.1 DER form. */
export function ecdsaSignDer(privateKey: SigningKey, data: Bytes): Buffer {
  return crypto.sign("sha256", data, { key: asPrivate(privateKey), dsaEncoding: "der" });
}

/** ECDSA-SHA256 signature in JOSE form (raw `r || s`, 64 bytes), as JWT ES256 uses. */
export function ecdsaSignJose(privateKey: SigningKey, data: Bytes): Buffer {
  return crypto.sign("sha256", data, { key: asPrivate(privateKey), dsaEncoding: "ieee-p1363" });
}

/** Verifies a DER ECDSA-SHA256 signature; malformed signatures are simply invalid. */
export function ecdsaVerifyDer(publicKey: VerifyingKey, data: Bytes, signature: Bytes): boolean {
  return ecdsaVerify(publicKey, data, signature, "der");
}

/** Verifies a JOSE (64-byte `r || s`) ECDSA-SHA256 signature. */
export function ecdsaVerifyJose(publicKey: VerifyingKey, data: Bytes, signature: Bytes): boolean {
  if (signature.length !== 64) return false;
  return ecdsaVerify(publicKey, data, signature, "ieee-p1363");
}

/** A bad public key is still an error (`INVALID_POINT`); a bad signature is only "not valid". */
function ecdsaVerify(publicKey: VerifyingKey, data: Bytes, signature: Bytes, dsaEncoding: "der" | "ieee-p1363"): boolean {
  try {
    return crypto.verify("sha256", data, { key: asPublic(publicKey), dsaEncoding }, signature);
  } catch (error) {
    if (error instanceof PowerAuthError) throw error;
    return false;
  }
}
