/**
 * The activation status blob (powerauth-protocol.md §9), 32 bytes encrypted with AES-CBC-NoPadding
 * under KEY_TRANSPORT:
 *
 * | 0 | 4 | magic DE C0 DE D1 | 4 | 1 | state | 5 | 1 | current version | 6 | 1 | upgrade version |
 * | 7 | 5 | reserved (random) | 12 | 1 | CTR_BYTE | 13 | 1 | failed | 14 | 1 | max failed |
 * | 15 | 1 | look-ahead | 16 | 16 | CTR_DATA_HASH |
 *
 * 3.1+: `IV = KDF_INTERNAL(KEY_TRANSPORT_IV, CHALLENGE || STATUS_NONCE)`. 3.0 (no challenge): zero IV,
 * no nonce, and the counter fields (bytes 7–12, 15, 16–31) are random.
 */
import { type Bytes, fromBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid } from "../core/identifiers";
import { toJsonObject } from "../core/json";
import { aesCbcDecrypt, aesCbcEncrypt, kdfInternal, randomBytes } from "../core/primitives";
// The blob reports the look-ahead window the server's signature check uses (§9 byte 15, §10.5).
import { DEFAULT_LOOK_AHEAD } from "../signature/signature";
import { deriveTransportCtrKey, deriveTransportIvKey } from "./activation-keys";
import { ACTIVATION_STATE_CODE, type ActivationState, activationStateFromCode } from "./activation-state";
import { ctrDataHash } from "./counter-sync";

export const STATUS_BLOB_MAGIC = Buffer.from([0xde, 0xc0, 0xde, 0xd1]);
/** §16: protocol version in the status blob (current = upgrade = 3). */
export const CURRENT_ACTIVATION_VERSION = 3;

export interface StatusBlobInput {
  state: ActivationState;
  /** The numeric counter CTR; only its low byte is sent. */
  counter: number;
  /** The server's current (next expected) CTR_DATA. */
  ctrData: Bytes;
  failedAttempts: number;
  maxFailedAttempts: number;
  lookAhead?: number;
  currentVersion?: number;
  upgradeVersion?: number;
}

export interface EncryptedStatusBlob {
  encryptedStatusBlob: Buffer;
  /** `null` for 3.0 requests (no challenge). */
  nonce: Buffer | null;
}

export interface DecodedStatusBlob {
  state: ActivationState;
  currentVersion: number;
  upgradeVersion: number;
  ctrByte: number;
  failedAttempts: number;
  maxFailedAttempts: number;
  lookAhead: number;
  ctrDataHash: Buffer;
}

/** §9: `IV = KDF_INTERNAL(KDF(KEY_TRANSPORT, 3000), CHALLENGE || STATUS_NONCE)`. */
export function statusBlobIv(transportKey: Bytes, challenge: Bytes, nonce: Bytes): Buffer {
  if (challenge.length !== 16 || nonce.length !== 16) {
    throw new PowerAuthError("INVALID_LENGTH", "status challenge and nonce must be 16 bytes each");
  }
  return kdfInternal(deriveTransportIvKey(transportKey), Buffer.concat([challenge, nonce]));
}

/** A single status byte; values above 255 are clamped rather than wrapped. */
function byte(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new PowerAuthError("INVALID_FORMAT", `${what} must be a non-negative integer`);
  return Math.min(value, 0xff);
}

/**
 * Server: builds and encrypts the blob. `challenge` is the request's 16-byte challenge, or `null`
 * for a 3.0 client. `nonce` and `reserved` are test hooks (normally random).
 */
export function encryptStatusBlob(
  status: StatusBlobInput,
  keys: { transportKey: Bytes; challenge: Bytes | null; nonce?: Bytes; reserved?: Bytes },
): EncryptedStatusBlob {
  const plain = Buffer.alloc(32);
  STATUS_BLOB_MAGIC.copy(plain, 0);
  plain[4] = ACTIVATION_STATE_CODE[status.state];
  plain[5] = byte(status.currentVersion ?? CURRENT_ACTIVATION_VERSION, "currentVersion");
  plain[6] = byte(status.upgradeVersion ?? CURRENT_ACTIVATION_VERSION, "upgradeVersion");
  plain[13] = byte(status.failedAttempts, "failedAttempts");
  plain[14] = byte(status.maxFailedAttempts, "maxFailedAttempts");
  if (keys.challenge === null) {
    // 3.0: no counter synchronisation; the counter fields are random (§9).
    randomBytes(6).copy(plain, 7);
    plain[15] = randomBytes(1)[0]!;
    randomBytes(16).copy(plain, 16);
    return { encryptedStatusBlob: aesCbcEncrypt(keys.transportKey, Buffer.alloc(16), plain, false), nonce: null };
  }
  const reserved = keys.reserved ?? randomBytes(5);
  if (reserved.length !== 5) throw new PowerAuthError("INVALID_LENGTH", "reserved bytes must be 5");
  Buffer.from(reserved).copy(plain, 7);
  if (!Number.isSafeInteger(status.counter) || status.counter < 0) {
    throw new PowerAuthError("INVALID_FORMAT", "counter must be a non-negative integer");
  }
  plain[12] = status.counter & 0xff; // CTR_BYTE: the low byte of the numeric counter
  plain[15] = byte(status.lookAhead ?? DEFAULT_LOOK_AHEAD, "lookAhead");
  if (status.ctrData.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "ctrData must be 16 bytes");
  ctrDataHash(deriveTransportCtrKey(keys.transportKey), status.ctrData).copy(plain, 16);
  const nonce = Buffer.from(keys.nonce ?? randomBytes(16));
  const iv = statusBlobIv(keys.transportKey, keys.challenge, nonce);
  return { encryptedStatusBlob: aesCbcEncrypt(keys.transportKey, iv, plain, false), nonce };
}

/**
 * Server, unknown activation (or one without a device key): 32 random bytes, plus a random nonce
 * when a challenge was sent. The device cannot decrypt it and treats the activation as unusable.
 */
export function randomStatusBlob(challenge: Bytes | null): EncryptedStatusBlob {
  return { encryptedStatusBlob: randomBytes(32), nonce: challenge === null ? null : randomBytes(16) };
}

/** Device: decrypts and parses the blob; a wrong magic (wrong key, random blob) is `DECRYPTION_FAILED`. */
export function decryptStatusBlob(
  encryptedStatusBlob: Bytes,
  keys: { transportKey: Bytes; challenge: Bytes | null; nonce: Bytes | null },
): DecodedStatusBlob {
  if (encryptedStatusBlob.length !== 32) throw new PowerAuthError("INVALID_LENGTH", "status blob must be 32 bytes");
  if ((keys.challenge === null) !== (keys.nonce === null)) {
    throw new PowerAuthError("INVALID_FORMAT", "status nonce must be present exactly when a challenge was sent");
  }
  const iv = keys.challenge === null ? Buffer.alloc(16) : statusBlobIv(keys.transportKey, keys.challenge, keys.nonce!);
  const plain = aesCbcDecrypt(keys.transportKey, iv, encryptedStatusBlob, false);
  if (!plain.subarray(0, 4).equals(STATUS_BLOB_MAGIC)) {
    throw new PowerAuthError("DECRYPTION_FAILED", "status blob does not decrypt (unknown activation or wrong key)");
  }
  const state = activationStateFromCode(plain[4]!);
  if (state === undefined) throw new PowerAuthError("INVALID_FORMAT", `unknown activation state ${plain[4]}`);
  return {
    state,
    currentVersion: plain[5]!,
    upgradeVersion: plain[6]!,
    ctrByte: plain[12]!,
    failedAttempts: plain[13]!,
    maxFailedAttempts: plain[14]!,
    lookAhead: plain[15]!,
    ctrDataHash: plain.subarray(16, 32),
  };
}

/** Server: validates `requestObject` of `/pa/v3/activation/status` (3.0 clients omit `challenge`). */
export function parseActivationStatusRequest(requestObject: unknown): { activationId: string; challenge: Buffer | null } {
  const object = toJsonObject(requestObject, "status requestObject");
  if (!isUuid(object.activationId)) throw new PowerAuthError("INVALID_FORMAT", "activationId must be a UUID");
  const challenge = object.challenge;
  if (challenge === undefined || challenge === null) return { activationId: object.activationId, challenge: null };
  if (typeof challenge !== "string") throw new PowerAuthError("INVALID_FORMAT", "challenge must be a string");
  return { activationId: object.activationId, challenge: fromBase64(challenge, "challenge", 16) };
}
