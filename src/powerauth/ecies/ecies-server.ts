/**
 * Server side of ECIES (powerauth-protocol.md §5.3 request decryption, §5.4 response encryption).
 * Named for its side like the client's functions (`ecies-client.ts`).
 *
 * Usage: `parseEciesRequest(body, version)` → (3.3: load the temporary key named by
 * `temporaryKeyId`; otherwise the master or activation key, §5.1 table) →
 * `serverDecryptEciesRequest` → check and store `uniqueValue` → handle the plaintext →
 * `serverEncryptEciesResponse(context, …)`.
 *
 * Replay protection needs storage, which this library does not have. `serverDecryptEciesRequest`
 * therefore returns the §5.3 unique value (`ephemeralPublicKey bytes || nonce bytes || identifier`)
 * and the time until which it must be remembered: the caller rejects the request if the value was
 * already seen and stores it otherwise, atomically (e.g. a unique index), *before* acting on it.
 */
import { type Bytes, utf8 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { constantTimeEqual, randomBytes } from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";
import {
  type EciesCryptoContext,
  type EciesScopeInput,
  type EciesSharedInfo1,
  createCryptoContext,
  deriveEnvelope,
  eciesRules,
  openPayload,
  sealPayload,
  sharedInfo1Bytes,
} from "./ecies-core";
import type { EciesResponsePayload, ParsedEciesRequest } from "./ecies-wire";
import { formatEciesResponse } from "./ecies-wire";

/** Default slack for clock differences on the "too old" side (the SDK syncs its clock, §12 `/pa/v3/status`). */
export const DEFAULT_STALE_TOLERANCE_MS = 5_000;

export interface EciesTimestampPolicy {
  /**
   * Extra age accepted beyond the replay window before a timestamp counts as stale.
   * The reference only rejects future timestamps (§19.15); this library also rejects stale ones.
   */
  staleToleranceMs?: number;
}

export interface EciesServerDecryptOptions extends EciesScopeInput {
  sharedInfo1: EciesSharedInfo1;
  /**
   * The private key the request was encrypted to (§5.1): the newest master key (application
   * scope, 3.0–3.2), the activation's server key (activation scope, 3.0–3.2) or the temporary key
   * named by `request.temporaryKeyId` (3.3), which the caller has checked belongs to this
   * application (and activation) and has not expired.
   */
  privateKey: Bytes;
  /** Current time in ms since the epoch. */
  now: number;
  timestampPolicy?: EciesTimestampPolicy;
}

/** Holds the envelope for the one response this request may get (§5.4: never reuse it). */
export type EciesServerContext = EciesCryptoContext;

export interface EciesServerDecryptResult {
  plaintext: Buffer;
  /** §5.3: `ephemeralPublicKey bytes || nonce bytes || identifier` (activation ID, or empty). */
  uniqueValue: Buffer;
  /** Keep the unique value at least until this time (ms); after it the timestamp check rejects a replay. */
  uniqueValueExpiresAt: number;
  context: EciesServerContext;
}

/**
 * §5.3 step 2, with the stricter policy of this library: reject `timestamp > now + window`
 * (`TIMESTAMP_IN_FUTURE`) and `timestamp < now − window − tolerance` (`TIMESTAMP_EXPIRED`).
 * Windows: 60 s for 3.2+, 2 h for 3.0/3.1 (whose requests carry no timestamp at all).
 */
export function checkEciesTimestamp(
  version: ProtocolVersion,
  timestamp: number,
  now: number,
  policy: EciesTimestampPolicy = {},
): void {
  const window = eciesRules(version).replayWindowMs;
  const tolerance = policy.staleToleranceMs ?? DEFAULT_STALE_TOLERANCE_MS;
  if (timestamp > now + window) {
    throw new PowerAuthError("TIMESTAMP_IN_FUTURE", `ECIES timestamp is more than ${window} ms in the future`);
  }
  if (timestamp < now - window - tolerance) {
    throw new PowerAuthError("TIMESTAMP_EXPIRED", `ECIES timestamp is older than ${window + tolerance} ms`);
  }
}

/** Decrypts and authenticates one request (§5.3 steps 2–5). */
export function serverDecryptEciesRequest(request: ParsedEciesRequest, options: EciesServerDecryptOptions): EciesServerDecryptResult {
  const { version } = request;
  const rules = eciesRules(version);
  let uniqueValueExpiresAt = options.now + rules.replayWindowMs;
  if (request.timestamp !== null) {
    checkEciesTimestamp(version, request.timestamp, options.now, options.timestampPolicy);
    // A replay is refused by the timestamp check once `timestamp + window + tolerance` has passed.
    const tolerance = options.timestampPolicy?.staleToleranceMs ?? DEFAULT_STALE_TOLERANCE_MS;
    uniqueValueExpiresAt = Math.max(uniqueValueExpiresAt, request.timestamp + rules.replayWindowMs + tolerance);
  }
  const envelope = deriveEnvelope(
    options.privateKey,
    request.ephemeralPublicKey,
    sharedInfo1Bytes(version, options.sharedInfo1),
    request.ephemeralPublicKey,
  );
  const crypto = createCryptoContext(version, options.sharedInfo1, envelope, options, request.temporaryKeyId, request.nonce);
  const plaintext = openPayload(crypto, request.encryptedData, request.mac, {
    nonce: request.nonce,
    timestamp: request.timestamp,
    ephemeralKey: request.ephemeralPublicKey,
  });
  const identifier = options.activation ? utf8(options.activation.activationId) : Buffer.alloc(0);
  const uniqueValue = Buffer.concat([request.ephemeralPublicKey, request.nonce ?? Buffer.alloc(0), identifier]);
  return {
    plaintext,
    uniqueValue,
    uniqueValueExpiresAt,
    context: crypto,
  };
}

export interface EciesServerEncryptOptions {
  /** Current time in ms; becomes the response timestamp for 3.2+. */
  now: number;
  /** Test hook: a fixed 3.2+ response nonce (it still must differ from the request nonce). */
  nonce?: Bytes;
  /** Test hook: a fixed 3.2+ response timestamp instead of `now`. */
  timestamp?: number;
}

/**
 * §5.4: 3.2/3.3 use a fresh response nonce (≠ request nonce) and timestamp, `SH2 = LP(SH2_BASE,
 * RNONCE, RTS, null, AD)`; 3.1 reuses the request IV with `SH2 = SH2_BASE`; 3.0 uses the zero IV.
 */
export function serverEncryptEciesResponse(
  context: EciesServerContext,
  plaintext: Bytes,
  options: EciesServerEncryptOptions,
): EciesResponsePayload {
  const rules = eciesRules(context.version);
  if (!rules.hasTimestamp) {
    if (options.nonce !== undefined || options.timestamp !== undefined) {
      throw new PowerAuthError("INVALID_FORMAT", `ECIES ${context.version} responses have no nonce or timestamp`);
    }
    const sealed = sealPayload(context, plaintext, { nonce: context.requestNonce, timestamp: null, ephemeralKey: null });
    return formatEciesResponse({ ...sealed, nonce: null, timestamp: null });
  }
  const nonce = options.nonce !== undefined ? Buffer.from(options.nonce) : freshNonce(context.requestNonce);
  if (nonce.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "ECIES response nonce must be 16 bytes");
  if (context.requestNonce !== null && constantTimeEqual(nonce, context.requestNonce)) {
    throw new PowerAuthError("INVALID_FORMAT", "ECIES response nonce must differ from the request nonce");
  }
  const timestamp = options.timestamp ?? options.now;
  const sealed = sealPayload(context, plaintext, { nonce, timestamp, ephemeralKey: null });
  return formatEciesResponse({ ...sealed, nonce, timestamp });
}

function freshNonce(requestNonce: Buffer | null): Buffer {
  for (;;) {
    const nonce = randomBytes(16);
    if (requestNonce === null || !nonce.equals(requestNonce)) return nonce;
  }
}
