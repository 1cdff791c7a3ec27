/**
 * MAC tokens (powerauth-protocol.md §11): creating a token on the server, the `X-PowerAuth-Token`
 * header, the digest, and its verification. A token is read-only authentication: nothing in the
 * request is signed, only "this device holds the token secret, now".
 *
 * The library keeps no state, so replay protection (§11.2 step 4) is the caller's: verification
 * returns the (nonce, tokenId) key to check against and add to a store of seen values.
 */
import { type Bytes, concat, fromBase64, toBase64, utf8 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import {
  formatHeaderFields,
  parseHeaderFields,
  requireBase64Field,
  requireField,
  requireUuid,
} from "../core/header-fields";
import { randomUuid } from "../core/identifiers";
import { constantTimeEqual, hmacSha256, randomBytes } from "../core/primitives";
import { type ProtocolVersion, parseProtocolVersion } from "../core/protocol-version";

export const TOKEN_HEADER_NAME = "X-PowerAuth-Token";

/** Defaults of the reference server (§11.2, §16). */
export const DEFAULT_TOKEN_PAST_VALIDITY_MS = 7_200_000;
export const DEFAULT_TOKEN_FUTURE_VALIDITY_MS = 1_800_000;

// ---------------------------------------------------------------------------------------------
// Create (§11.1)
// ---------------------------------------------------------------------------------------------

export interface GeneratedToken {
  tokenId: string;
  /** 16 random bytes; store them with the activation id and the signature type used to create it. */
  tokenSecret: Buffer;
}

/** The plaintext of the token-create response, to be ECIES-encrypted (activation scope, `/pa/token/create`). */
export interface TokenCreateResponse {
  tokenId: string;
  /** Base64 of the 16-byte secret. */
  tokenSecret: string;
}

export function generateToken(): GeneratedToken {
  return { tokenId: randomUuid(), tokenSecret: randomBytes(16) };
}

export function tokenCreateResponse(token: GeneratedToken): TokenCreateResponse {
  return { tokenId: token.tokenId, tokenSecret: toBase64(token.tokenSecret) };
}

// ---------------------------------------------------------------------------------------------
// Digest (§11.2)
// ---------------------------------------------------------------------------------------------

export interface TokenDigestInput {
  /** The 16 raw secret bytes (not their Base64). */
  tokenSecret: Bytes;
  /** 16 raw nonce bytes. */
  nonce: Bytes;
  /** Unix time in milliseconds, as written in the header. */
  timestamp: number;
  version: ProtocolVersion;
}

/**
 * `HMAC-SHA256(key = tokenSecret, msg = NONCE || "&" || timestamp [|| "&" || version])`; the
 * version suffix exists from 3.2 on (§0.1, §11.2).
 */
export function computeTokenDigest(input: TokenDigestInput): Buffer {
  if (input.tokenSecret.length !== 16) throw new PowerAuthError("INVALID_KEY", "token secret must be 16 bytes");
  if (input.nonce.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "token nonce must be 16 bytes");
  checkTimestamp(input.timestamp);
  const version = parseProtocolVersion(input.version);
  const suffix = version === "3.0" || version === "3.1" ? "" : `&${version}`;
  return hmacSha256(input.tokenSecret, concat(input.nonce, utf8(`&${input.timestamp}${suffix}`)));
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || !/^[0-9]{9,15}$/.test(String(timestamp))) {
    throw new PowerAuthError("INVALID_FORMAT", "token timestamp must be a positive integer of 9–15 digits (ms)");
  }
}

// ---------------------------------------------------------------------------------------------
// Header (§11.2)
// ---------------------------------------------------------------------------------------------

export interface PowerAuthTokenHeader {
  version: ProtocolVersion;
  tokenId: string;
  tokenDigest: Buffer;
  nonce: Buffer;
  /** Unix time in milliseconds. */
  timestamp: number;
}

/** Parses and validates the header (§11.2 validation rules); errors name the bad field. */
export function parseTokenHeader(value: string): PowerAuthTokenHeader {
  const fields = parseHeaderFields(value, TOKEN_HEADER_NAME);
  const field = (name: string) => requireField(fields, name, TOKEN_HEADER_NAME);
  const version = parseProtocolVersion(field("version"), `${TOKEN_HEADER_NAME}: version`);
  const tokenId = requireUuid(field("token_id"), `${TOKEN_HEADER_NAME}: token_id`);
  const tokenDigest = requireBase64Field(field("token_digest"), "token_digest", 32, TOKEN_HEADER_NAME);
  const nonce = requireBase64Field(field("nonce"), "nonce", 16, TOKEN_HEADER_NAME);
  const timestampText = field("timestamp");
  if (!/^[0-9]{9,15}$/.test(timestampText)) {
    throw new PowerAuthError("INVALID_HEADER", `${TOKEN_HEADER_NAME}: timestamp must be 9–15 decimal digits`);
  }
  return { version, tokenId, tokenDigest, nonce, timestamp: Number(timestampText) };
}

export function buildTokenHeader(header: PowerAuthTokenHeader): string {
  const value = formatHeaderFields([
    ["version", header.version],
    ["token_id", header.tokenId],
    ["token_digest", toBase64(header.tokenDigest)],
    ["nonce", toBase64(header.nonce)],
    ["timestamp", String(header.timestamp)],
  ]);
  parseTokenHeader(value); // never emit a header the server would reject as malformed
  return value;
}

export interface CreateTokenHeaderInput {
  tokenId: string;
  /** 16 raw bytes, or their Base64 as received in the token-create response. */
  tokenSecret: Bytes | string;
  version: ProtocolVersion;
  /** Unix ms; the SDK uses its server-synchronised clock. */
  timestamp: number;
  /** 16 bytes; random when omitted. */
  nonce?: Bytes;
}

/** Device side: a fresh `X-PowerAuth-Token` value. */
export function createTokenHeader(input: CreateTokenHeaderInput): string {
  const tokenSecret =
    typeof input.tokenSecret === "string" ? fromBase64(input.tokenSecret, "tokenSecret", 16) : input.tokenSecret;
  const nonce = input.nonce ?? randomBytes(16);
  const tokenDigest = computeTokenDigest({ tokenSecret, nonce, timestamp: input.timestamp, version: input.version });
  return buildTokenHeader({ version: input.version, tokenId: input.tokenId, tokenDigest, nonce: Buffer.from(nonce), timestamp: input.timestamp });
}

// ---------------------------------------------------------------------------------------------
// Verification (§11.2 server checks)
// ---------------------------------------------------------------------------------------------

export interface TokenTimeWindow {
  /** Unix ms. */
  now: number;
  /** How far in the past a timestamp may be, default 2 h. */
  pastValidityMs?: number;
  /** How far in the future a timestamp may be, default 30 min. */
  futureValidityMs?: number;
}

export type TokenVerificationReason = "OK" | "TIMESTAMP_EXPIRED" | "TIMESTAMP_IN_FUTURE" | "DIGEST_MISMATCH";

/** Step 1: the timestamp window `[now − past, now + future]`. Cheap; run it before loading the token. */
export function checkTokenTimestamp(header: PowerAuthTokenHeader, window: TokenTimeWindow): TokenVerificationReason {
  const past = window.pastValidityMs ?? DEFAULT_TOKEN_PAST_VALIDITY_MS;
  const future = window.futureValidityMs ?? DEFAULT_TOKEN_FUTURE_VALIDITY_MS;
  if (header.timestamp < window.now - past) return "TIMESTAMP_EXPIRED";
  if (header.timestamp > window.now + future) return "TIMESTAMP_IN_FUTURE";
  return "OK";
}

export interface TokenReplayKey {
  tokenId: string;
  /** Base64 of the nonce. */
  nonce: string;
  /** One string for a unique-value store. */
  key: string;
  /** After this instant (Unix ms) the timestamp check alone rejects the header, so the key may be dropped. */
  expiresAt: number;
}

/** The (nonce, tokenId) pair the caller must not have seen before (§11.2 step 4). */
export function tokenReplayKey(header: PowerAuthTokenHeader, pastValidityMs = DEFAULT_TOKEN_PAST_VALIDITY_MS): TokenReplayKey {
  const nonce = toBase64(header.nonce);
  return { tokenId: header.tokenId, nonce, key: `${header.tokenId}&${nonce}`, expiresAt: header.timestamp + pastValidityMs };
}

export interface TokenVerificationResult {
  valid: boolean;
  reason: TokenVerificationReason;
  /** Check it has not been seen and store it (only for a valid result, or always: either is safe). */
  replayKey: TokenReplayKey;
}

/**
 * Steps 1 and 5 of §11.2 for a parsed header and the stored secret of `header.tokenId`. The caller
 * did steps 2–4 (token exists, activation ACTIVE, replay) and decides which token signature types
 * the endpoint accepts. The digest is compared in constant time.
 */
export function verifyToken(
  header: PowerAuthTokenHeader,
  tokenSecret: Bytes,
  window: TokenTimeWindow,
): TokenVerificationResult {
  const replayKey = tokenReplayKey(header, window.pastValidityMs);
  const timeReason = checkTokenTimestamp(header, window);
  if (timeReason !== "OK") return { valid: false, reason: timeReason, replayKey };
  const expected = computeTokenDigest({
    tokenSecret,
    nonce: header.nonce,
    timestamp: header.timestamp,
    version: header.version,
  });
  const valid = constantTimeEqual(expected, header.tokenDigest);
  return { valid, reason: valid ? "OK" : "DIGEST_MISMATCH", replayKey };
}
