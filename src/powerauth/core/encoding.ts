/**
 * Encodings of powerauth-protocol.md §0 and §1: UTF-8, standard Base64 (base64url for JWTs),
 * big-endian integers, `LP(…)`, CRC-16/ARC and Base32. Pure byte shuffling with no secrets and
 * no randomness; the cryptographic primitives are in `primitives.ts`.
 */
import { PowerAuthError } from "./errors";

export type Bytes = Uint8Array;

// ---------------------------------------------------------------------------------------------
// Bytes, Base64, integers (§0)
// ---------------------------------------------------------------------------------------------

export function concat(...parts: Bytes[]): Buffer {
  return Buffer.concat(parts);
}

export function utf8(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

export function toBase64(bytes: Bytes): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export function toBase64Url(bytes: Bytes): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard Base64 with padding (RFC 4648 §4). Node's own decoder silently skips garbage, so
 * the text is checked first. `length` (a number or a list of allowed numbers) checks the decoded size.
 */
export function fromBase64(text: string, what = "value", length?: number | readonly number[]): Buffer {
  if (typeof text !== "string" || !BASE64.test(text)) {
    throw new PowerAuthError("INVALID_BASE64", `${what} is not valid Base64`);
  }
  const bytes = Buffer.from(text, "base64");
  if (length !== undefined) {
    const allowed = typeof length === "number" ? [length] : length;
    if (!allowed.includes(bytes.length)) {
      throw new PowerAuthError(
        "INVALID_LENGTH",
        `${what} must decode to ${allowed.join(" or ")} bytes, got ${bytes.length}`,
      );
    }
  }
  return bytes;
}

/** base64url without padding, as used by JWTs. */
export function fromBase64Url(text: string, what = "value"): Buffer {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new PowerAuthError("INVALID_BASE64", `${what} is not valid base64url`);
  }
  return Buffer.from(text, "base64url");
}

export function uint32be(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

export function int64be(value: number | bigint): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(BigInt(value));
  return out;
}

/** `LP(x1, x2, …)`: each element as a 4-byte length then its bytes; null is written as length 0. */
export function lp(...parts: (Bytes | null | undefined)[]): Buffer {
  const chunks: Bytes[] = [];
  for (const part of parts) {
    const bytes = part ?? new Uint8Array(0);
    chunks.push(uint32be(bytes.length), bytes);
  }
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// CRC-16/ARC and Base32 (§1)
// ---------------------------------------------------------------------------------------------

/** CRC-16/ARC: reflected polynomial 0xA001, initial value 0, no final XOR. */
export function crc16Arc(data: Bytes): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc & 0xffff;
}

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 Base32 without padding. */
export function base32Encode(data: Bytes): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Lenient RFC 4648 Base32 decoding without padding: trailing bits that do not fill a byte are
 * ignored (the reference validator does the same, §3.2).
 */
export function base32Decode(text: string): Buffer {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new PowerAuthError("INVALID_FORMAT", `'${char}' is not a Base32 character`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
