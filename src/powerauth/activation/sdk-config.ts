/**
 * `mobileSdkConfig` (powerauth-protocol.md §2): one Base64 string that carries the application key,
 * the application secret and the master public key to the mobile SDK (server 1.5+, SDK 1.8+).
 *
 * ```
 * 0x01                                       format version
 * CNT(16) || appKey(16 raw bytes)
 * CNT(16) || appSecret(16 raw bytes)
 * CNT(n)                                     number of master keys (always 1 when we write)
 * n × ( keyType(1) || CNT(len) || key )      type 0x01 = crypto v3 master public key (65 bytes)
 * ```
 */
import { fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { decodePublicKey } from "../core/primitives";

const FORMAT_VERSION = 0x01;
const KEY_TYPE_MASTER_PUBLIC_V3 = 0x01;

/** The decoded config: exactly what the mobile app is configured with. */
export interface MobileSdkConfig {
  applicationKey: string;
  /** The Base64 text of the application secret, exactly as issued. */
  applicationSecret: string;
  /** 65-byte uncompressed (or 33-byte compressed) master server public key. */
  masterServerPublicKey: string;
}

/** §2 compact count: 1 byte up to 0x7F, 2 bytes (`0x80|hi6`) up to 0x3FFF, 4 bytes (`0xC0|hi6`) up to 0x3FFFFFFF. */
export function encodeCompactCount(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0x3fffffff) {
    throw new PowerAuthError("INVALID_LENGTH", `count ${value} cannot be written as CNT`);
  }
  if (value <= 0x7f) return Buffer.from([value]);
  if (value <= 0x3fff) return Buffer.from([0x80 | (value >>> 8), value & 0xff]);
  return Buffer.from([0xc0 | (value >>> 24), (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

/** Sequential reader over the config bytes; running past the end is `INVALID_LENGTH`. */
class Reader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  byte(what: string): number {
    if (this.offset >= this.bytes.length) throw new PowerAuthError("INVALID_LENGTH", `mobileSdkConfig truncated at ${what}`);
    return this.bytes[this.offset++]!;
  }

  count(what: string): number {
    const first = this.byte(what);
    if ((first & 0x80) === 0) return first;
    if ((first & 0xc0) === 0x80) return ((first & 0x3f) << 8) | this.byte(what);
    let value = first & 0x3f;
    for (let i = 0; i < 3; i++) value = (value << 8) | this.byte(what);
    return value >>> 0;
  }

  take(length: number, what: string): Buffer {
    if (this.offset + length > this.bytes.length) {
      throw new PowerAuthError("INVALID_LENGTH", `mobileSdkConfig truncated in ${what}`);
    }
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

function withCount(bytes: Buffer): Buffer {
  return Buffer.concat([encodeCompactCount(bytes.length), bytes]);
}

/** Builds the Base64 `mobileSdkConfig` for one application version (§2). */
export function encodeMobileSdkConfig(config: MobileSdkConfig): string {
  const appKey = fromBase64(config.applicationKey, "applicationKey", 16);
  const appSecret = fromBase64(config.applicationSecret, "applicationSecret", 16);
  // Always written as the 65-byte uncompressed point, whatever form the caller stored.
  const master = decodePublicKey(fromBase64(config.masterServerPublicKey, "masterServerPublicKey"), "master public key");
  return toBase64(
    Buffer.concat([
      Buffer.from([FORMAT_VERSION]),
      withCount(appKey),
      withCount(appSecret),
      encodeCompactCount(1),
      Buffer.from([KEY_TYPE_MASTER_PUBLIC_V3]),
      withCount(master),
    ]),
  );
}

/**
 * Reads a `mobileSdkConfig` the way an SDK does. Every structural problem is a typed error:
 * `INVALID_BASE64`, `INVALID_VERSION` (format byte), `INVALID_LENGTH` (truncation, wrong sizes,
 * trailing bytes), `INVALID_FORMAT` (no v3 master key), `INVALID_POINT` (bad key).
 */
export function decodeMobileSdkConfig(text: string): MobileSdkConfig {
  const reader = new Reader(fromBase64(text, "mobileSdkConfig"));
  const version = reader.byte("format version");
  if (version !== FORMAT_VERSION) {
    throw new PowerAuthError("INVALID_VERSION", `mobileSdkConfig format version ${version} is not supported`);
  }
  const readSized = (what: string, expected: number): Buffer => {
    const length = reader.count(what);
    if (length !== expected) throw new PowerAuthError("INVALID_LENGTH", `${what} must be ${expected} bytes, got ${length}`);
    return reader.take(length, what);
  };
  const applicationKey = toBase64(readSized("applicationKey", 16));
  const applicationSecret = toBase64(readSized("applicationSecret", 16));
  const keyCount = reader.count("key count");
  if (keyCount < 1) throw new PowerAuthError("INVALID_LENGTH", "mobileSdkConfig holds no master key");
  let master: Buffer | undefined;
  for (let i = 0; i < keyCount; i++) {
    const type = reader.byte("key type");
    const key = reader.take(reader.count("key length"), "key");
    // Unknown key types are skipped (forward compatibility); the first v3 master key wins.
    if (type === KEY_TYPE_MASTER_PUBLIC_V3 && master === undefined) {
      if (key.length !== 65) throw new PowerAuthError("INVALID_LENGTH", `master public key must be 65 bytes, got ${key.length}`);
      master = decodePublicKey(key, "master public key");
    }
  }
  if (!reader.done) throw new PowerAuthError("INVALID_LENGTH", "mobileSdkConfig has trailing bytes");
  if (master === undefined) throw new PowerAuthError("INVALID_FORMAT", "mobileSdkConfig has no v3 master public key");
  return { applicationKey, applicationSecret, masterServerPublicKey: toBase64(master) };
}
