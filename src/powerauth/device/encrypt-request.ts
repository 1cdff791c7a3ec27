/**
 * ECIES for device code (powerauth-protocol.md §5): encrypt a request in application or
 * activation scope with what the device state holds; the response is read with
 * `clientDecryptEciesResponse` (`ecies/ecies-client.ts`) and the returned context. Other device
 * modules (token create, vault unlock, user info…) use this instead of assembling keys themselves.
 *
 * For 3.3 a temporary key of the matching scope is required (§5.1 table, §6); earlier versions
 * encrypt to the master key (application scope) or the activation's server key (activation scope).
 */
import { type Bytes, fromBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { type EcKeyPair } from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";
import { type EciesClientContext, clientEncryptEciesRequest } from "../ecies/ecies-client";
import { type EciesSharedInfo1, eciesScopeOf } from "../ecies/ecies-core";
import { buildEncryptionHeader } from "../ecies/ecies-header";
import type { EciesRequestPayload } from "../ecies/ecies-wire";
import type { DeviceActivation, DeviceAppConfig } from "./device-state";
import type { DeviceTemporaryKey } from "./temporary-keys";

export interface DeviceEciesOptions {
  /** Current (server-synchronised) time in ms. */
  now: number;
  /** Required for 3.3: a key from `acceptTemporaryKeyResponse` of the same scope. */
  temporaryKey?: DeviceTemporaryKey;
  /** Test hooks. */
  ephemeralKeyPair?: EcKeyPair;
  nonce?: Bytes;
}

export interface DeviceEciesRequest {
  /** The raw JSON body to send. */
  body: EciesRequestPayload;
  /** `X-PowerAuth-Encryption` value, for requests that are encrypted but not signed (§5.5). */
  encryptionHeader: string;
  /** Keep until the response arrives; one context serves exactly one response. */
  context: EciesClientContext;
}

/** Encrypts an application-scope request (e.g. activation layers, generic app-scope calls). */
export function encryptApplicationRequest(
  app: DeviceAppConfig,
  version: ProtocolVersion,
  sharedInfo1: EciesSharedInfo1,
  plaintext: Bytes,
  options: DeviceEciesOptions,
): DeviceEciesRequest {
  if (eciesScopeOf(sharedInfo1) !== "application") {
    throw new PowerAuthError("INVALID_FORMAT", `${sharedInfo1} is an activation-scope SharedInfo1`);
  }
  const masterKey = fromBase64(app.masterServerPublicKey, "master public key");
  return encryptRequest(app, version, sharedInfo1, plaintext, options, masterKey);
}

/** Encrypts an activation-scope request with the activation's transport key (token create, vault unlock, …). */
export function encryptActivationRequest(
  activation: DeviceActivation,
  sharedInfo1: EciesSharedInfo1,
  plaintext: Bytes,
  options: DeviceEciesOptions,
): DeviceEciesRequest {
  if (eciesScopeOf(sharedInfo1) !== "activation") {
    throw new PowerAuthError("INVALID_FORMAT", `${sharedInfo1} is an application-scope SharedInfo1`);
  }
  const serverKey = fromBase64(activation.serverPublicKey, "server public key");
  return encryptRequest(activation.app, activation.version, sharedInfo1, plaintext, options, serverKey, activation);
}

/** Both scopes: pick the key (§5.1 table), encrypt, and build the header (with `activation_id` in activation scope). */
function encryptRequest(
  app: DeviceAppConfig,
  version: ProtocolVersion,
  sharedInfo1: EciesSharedInfo1,
  plaintext: Bytes,
  options: DeviceEciesOptions,
  fixedKey: Buffer,
  activation?: DeviceActivation,
): DeviceEciesRequest {
  const key = encryptionKey(version, fixedKey, app, activation?.activationId, options);
  const scope = activation && {
    activationId: activation.activationId,
    transportKey: fromBase64(activation.keys.transport, "transport key", 16),
  };
  const { request, context } = clientEncryptEciesRequest(plaintext, {
    ...hooks(options),
    version,
    sharedInfo1,
    applicationKey: app.applicationKey,
    applicationSecret: app.applicationSecret,
    ...(scope ? { activation: scope } : {}),
    ...key,
    now: options.now,
  });
  const header = { applicationKey: app.applicationKey, version, ...(scope ? { activationId: scope.activationId } : {}) };
  return { body: request, encryptionHeader: buildEncryptionHeader(header), context };
}

/** 3.3: the temporary key (checked for scope, app, activation, expiry); earlier: the fixed key. */
function encryptionKey(
  version: ProtocolVersion,
  fixedKey: Buffer,
  app: DeviceAppConfig,
  activationId: string | undefined,
  options: DeviceEciesOptions,
): { serverPublicKey: Buffer; temporaryKeyId?: string } {
  if (version !== "3.3") {
    if (options.temporaryKey) throw new PowerAuthError("INVALID_FORMAT", `ECIES ${version} has no temporary keys`);
    return { serverPublicKey: fixedKey };
  }
  const key = options.temporaryKey;
  if (!key) throw new PowerAuthError("INVALID_KEY", "ECIES 3.3 needs a temporary key");
  if (key.applicationKey !== app.applicationKey || key.activationId !== activationId) {
    throw new PowerAuthError("INVALID_KEY", "temporary key belongs to another application, activation or scope");
  }
  if (key.expiresAtMs <= options.now) throw new PowerAuthError("TIMESTAMP_EXPIRED", "temporary key has expired");
  return { serverPublicKey: fromBase64(key.publicKey, "temporary public key"), temporaryKeyId: key.keyId };
}

function hooks(options: DeviceEciesOptions) {
  return {
    ...(options.ephemeralKeyPair ? { ephemeralKeyPair: options.ephemeralKeyPair } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  };
}
