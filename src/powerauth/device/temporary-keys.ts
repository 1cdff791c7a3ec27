/**
 * Device side of the 3.3 temporary keys (powerauth-protocol.md §6): build the HS256 request JWS,
 * verify the server's ES256 response JWS and keep the key (a plain JSON object) until `exp_ms`.
 * ECIES 3.3 encrypts to this key instead of the master / activation server key (§5.1).
 */
import { decodePublicKeyBase64 } from "../activation/application-keys";
import { fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid } from "../core/identifiers";
import { decodeJws, encodeJws, expectJwsHeader } from "../core/jwt";
import { ecdsaVerifyJose, hmacSha256, randomBytes } from "../core/primitives";
import { temporaryKeyRequestMacKey } from "../ecies/temporary-key";
import type { DeviceActivation, DeviceAppConfig } from "./device-state";

/** A temporary public key the device may encrypt to. */
export interface DeviceTemporaryKey {
  keyId: string;
  /** Base64 public key as the server sent it. */
  publicKey: string;
  applicationKey: string;
  /** Present for activation-scope keys. */
  activationId?: string;
  expiresAtMs: number;
}

/** What the device remembers between sending the request and reading the response. */
export interface PendingTemporaryKeyRequest {
  applicationKey: string;
  activationId?: string;
  challenge: string;
}

/**
 * Builds `{"requestObject":{"jwt":…}}` for `/pa/v3/keystore/create`. Without `activation` the key
 * is application-scoped (HS256 key = decoded APP_SECRET); with it, activation-scoped
 * (HS256 key = KDF_INTERNAL(KEY_TRANSPORT, decoded APP_SECRET)).
 */
export function createTemporaryKeyRequest(
  app: DeviceAppConfig,
  activation?: DeviceActivation,
  options: { challenge?: string } = {},
): { body: { requestObject: { jwt: string } }; pending: PendingTemporaryKeyRequest } {
  // The SDK uses Base64 of 18 random bytes.
  const challenge = options.challenge ?? toBase64(randomBytes(18));
  const pending: PendingTemporaryKeyRequest = {
    applicationKey: app.applicationKey,
    ...(activation ? { activationId: activation.activationId } : {}),
    challenge,
  };
  const transportKey = activation ? fromBase64(activation.keys.transport, "transport key", 16) : undefined;
  const macKey = temporaryKeyRequestMacKey(app.applicationSecret, transportKey);
  // The member order gives exactly the header prefix the SDK sends (§6).
  const jwt = encodeJws({ alg: "HS256", typ: "JWT" }, { ...pending }, (input) => hmacSha256(macKey, input));
  return { body: { requestObject: { jwt } }, pending };
}

/**
 * Verifies the response JWS the way the SDK does: `typ` JWT, `alg` ES256, the JOSE signature by
 * the master public key (application scope) or the activation's server public key, and that the
 * challenge, application key and activation ID match the request. Also rejects a key that has
 * already expired at `now`.
 */
export function acceptTemporaryKeyResponse(
  jwt: unknown,
  pending: PendingTemporaryKeyRequest,
  context: { app: DeviceAppConfig; activation?: DeviceActivation; now: number },
): DeviceTemporaryKey {
  if ((pending.activationId !== undefined) !== (context.activation !== undefined)) {
    throw new PowerAuthError("INVALID_FORMAT", "the activation must be given exactly for activation-scope keys");
  }
  const jws = decodeJws(jwt);
  expectJwsHeader(jws, "ES256", true);
  const signer = context.activation ? context.activation.serverPublicKey : context.app.masterServerPublicKey;
  if (!ecdsaVerifyJose(decodePublicKeyBase64(signer, "server public key"), jws.signingInput, jws.signature)) {
    throw new PowerAuthError("INVALID_JWT", "temporary key JWT signature does not verify");
  }
  const claims = jws.payload;
  if (claims.challenge !== pending.challenge) throw new PowerAuthError("INVALID_JWT", "JWT challenge does not match");
  if (claims.applicationKey !== pending.applicationKey) throw new PowerAuthError("INVALID_JWT", "JWT applicationKey does not match");
  if ((claims.activationId ?? undefined) !== pending.activationId) {
    throw new PowerAuthError("INVALID_JWT", "JWT activationId does not match");
  }
  if (!isUuid(claims.sub)) throw new PowerAuthError("INVALID_JWT", "JWT sub must be the temporary key ID");
  if (typeof claims.publicKey !== "string") throw new PowerAuthError("INVALID_JWT", "JWT publicKey is missing");
  decodePublicKeyBase64(claims.publicKey, "temporary public key");
  const expiresAtMs = claims.exp_ms;
  if (typeof expiresAtMs !== "number" || !Number.isSafeInteger(expiresAtMs) || typeof claims.iat_ms !== "number") {
    throw new PowerAuthError("INVALID_JWT", "JWT needs iat_ms and exp_ms");
  }
  if (expiresAtMs <= context.now) throw new PowerAuthError("TIMESTAMP_EXPIRED", "temporary key has already expired");
  return {
    keyId: claims.sub,
    publicKey: claims.publicKey,
    applicationKey: pending.applicationKey,
    ...(pending.activationId !== undefined ? { activationId: pending.activationId } : {}),
    expiresAtMs,
  };
}

/** `true` while the key can still be used, keeping `marginMs` for the request's travel time. */
export function isTemporaryKeyUsable(key: DeviceTemporaryKey, now: number, marginMs = 10_000): boolean {
  return key.expiresAtMs - marginMs > now;
}
