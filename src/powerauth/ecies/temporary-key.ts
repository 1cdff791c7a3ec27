/**
 * Temporary encryption keys, protocol 3.3 (powerauth-protocol.md §6, `POST /pa/v3/keystore/create`).
 *
 * The library cannot look up applications or activations, so the server API is staged:
 * 1. `parseTemporaryKeyRequest(jwt)` reads `applicationKey` / `activationId` (not yet trusted);
 * 2. the caller loads the application version (must exist and be supported) and, in activation
 *    scope, the activation (must be ACTIVE or BLOCKED and belong to the same application);
 * 3. `verifyTemporaryKeyRequest` checks the HS256 signature with what was loaded;
 * 4. `issueTemporaryKey` makes the key pair and the ES256 response JWS; the caller stores
 *    (keyId, privateKey, applicationKey, activationId, expiresAt).
 */
import { type Bytes, fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid, randomUuid } from "../core/identifiers";
import { type DecodedJws, decodeJws, encodeJws, expectJwsHeader } from "../core/jwt";
import {
  type EcKeyPair,
  constantTimeEqual,
  ecdsaSignJose,
  generateKeyPair,
  hmacSha256,
  kdfInternal,
} from "../core/primitives";

/** §16: `temporaryKey.validity` default. */
export const TEMPORARY_KEY_VALIDITY_MS = 300_000;

export interface TemporaryKeyRequest {
  applicationKey: string;
  /** `null` in application scope. */
  activationId: string | null;
  challenge: string;
  jws: DecodedJws;
}

/** Produced only by `verifyTemporaryKeyRequest`, so a key cannot be issued for an unverified request. */
export interface VerifiedTemporaryKeyRequest extends TemporaryKeyRequest {
  readonly verified: true;
}

/** Step 1: decode the request JWS (`alg` HS256) and its claims, without trusting them yet. */
export function parseTemporaryKeyRequest(jwt: unknown): TemporaryKeyRequest {
  const jws = decodeJws(jwt);
  expectJwsHeader(jws, "HS256", false);
  const { applicationKey, activationId, challenge } = jws.payload;
  if (typeof applicationKey !== "string" || !isBase64Of(applicationKey, [16])) {
    throw new PowerAuthError("INVALID_JWT", "JWT applicationKey must be Base64 of 16 bytes");
  }
  if (activationId !== undefined && activationId !== null && !isUuid(activationId)) {
    throw new PowerAuthError("INVALID_JWT", "JWT activationId must be a UUID");
  }
  // The SDK sends Base64 of 18 random bytes; accept any reasonable random challenge.
  if (typeof challenge !== "string" || !isBase64Of(challenge, Array.from({ length: 49 }, (_, i) => i + 16))) {
    throw new PowerAuthError("INVALID_JWT", "JWT challenge must be Base64 of 16–64 bytes");
  }
  return { applicationKey, activationId: typeof activationId === "string" ? activationId : null, challenge, jws };
}

function isBase64Of(text: string, lengths: number[]): boolean {
  try {
    fromBase64(text, "value", lengths);
    return true;
  } catch {
    return false;
  }
}

/**
 * §6 HS256 key: the *decoded* 16-byte application secret in application scope (§19.7), and
 * `KDF_INTERNAL(KEY_TRANSPORT, decoded APP_SECRET)` in activation scope.
 */
export function temporaryKeyRequestMacKey(applicationSecret: string, transportKey?: Bytes): Buffer {
  const secret = fromBase64(applicationSecret, "applicationSecret", 16);
  return transportKey === undefined ? secret : kdfInternal(transportKey, secret);
}

export interface TemporaryKeyRequestSecrets {
  /** The application secret (Base64 text) of the version named by `applicationKey`. */
  applicationSecret: string;
  /** KEY_TRANSPORT of the activation; required exactly when the request names an activation. */
  transportKey?: Bytes;
}

/** Step 3: the HS256 signature, checked with HMAC-SHA256 in constant time. */
export function verifyTemporaryKeyRequest(
  request: TemporaryKeyRequest,
  secrets: TemporaryKeyRequestSecrets,
): VerifiedTemporaryKeyRequest {
  if ((request.activationId !== null) !== (secrets.transportKey !== undefined)) {
    throw new PowerAuthError("INVALID_KEY", "the transport key is needed exactly for activation-scope requests");
  }
  const expected = hmacSha256(temporaryKeyRequestMacKey(secrets.applicationSecret, secrets.transportKey), request.jws.signingInput);
  if (!constantTimeEqual(expected, request.jws.signature)) {
    throw new PowerAuthError("INVALID_JWT", "JWT signature does not verify");
  }
  return { ...request, verified: true };
}

export interface IssueTemporaryKeyOptions {
  /** KEY_SERVER_MASTER_PRIVATE (application scope) or the activation's KEY_SERVER_PRIVATE. */
  signingPrivateKey: Bytes;
  now: number;
  validityMs?: number;
  /** Test hooks. */
  keyId?: string;
  keyPair?: EcKeyPair;
}

export interface IssuedTemporaryKey {
  keyId: string;
  applicationKey: string;
  activationId: string | null;
  privateKey: Buffer;
  publicKey: Buffer;
  createdAt: number;
  expiresAt: number;
  /** The response JWS for `{"status":"OK","responseObject":{"jwt":…}}`. */
  jwt: string;
}

/**
 * Step 4: a fresh P-256 key pair with `keyId = UUID` and `expires = now + 5 min`, and the ES256
 * (JOSE) response JWS with the §6 claims. The SDK reads `iat_ms`/`exp_ms`, so both are present.
 */
export function issueTemporaryKey(request: VerifiedTemporaryKeyRequest, options: IssueTemporaryKeyOptions): IssuedTemporaryKey {
  if (request.verified !== true) throw new PowerAuthError("INVALID_JWT", "temporary key request was not verified");
  const keyPair = options.keyPair ?? generateKeyPair();
  const keyId = options.keyId ?? randomUuid();
  const createdAt = options.now;
  const expiresAt = createdAt + (options.validityMs ?? TEMPORARY_KEY_VALIDITY_MS);
  const payload = {
    sub: keyId,
    applicationKey: request.applicationKey,
    ...(request.activationId !== null ? { activationId: request.activationId } : {}),
    challenge: request.challenge,
    publicKey: toBase64(keyPair.publicKey),
    iat: Math.floor(createdAt / 1000),
    exp: Math.floor(expiresAt / 1000),
    iat_ms: createdAt,
    exp_ms: expiresAt,
  };
  const jwt = encodeJws({ alg: "ES256", typ: "JWT" }, payload, (input) => ecdsaSignJose(options.signingPrivateKey, input));
  return {
    keyId,
    applicationKey: request.applicationKey,
    activationId: request.activationId,
    privateKey: keyPair.privateKey,
    publicKey: keyPair.publicKey,
    createdAt,
    expiresAt,
    jwt,
  };
}
