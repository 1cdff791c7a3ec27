/**
 * Server side of the activation key exchange, `POST /pa/v3/activation/create`
 * (powerauth-protocol.md §7.1–§7.2). The steps are separate because the server has to look the
 * activation up between them:
 *
 * 1. `parseEncryptionHeader(header, "application")` and `parseEciesRequest(body, version)`; for 3.3
 *    load the application-scope temporary key named by `temporaryKeyId`.
 * 2. `decryptActivationLayer1` (sh1 `/pa/generic/application`) → type, identity attributes.
 *    The caller checks the layer-1 unique value and finds the activation: for CODE by
 *    (application, code, state CREATED, not expired); for CUSTOM/DIRECT/RECOVERY its own logic.
 * 3. `processActivationLayer2` (sh1 `/pa/activation`, same version; 3.3 uses the same temporary
 *    key, named again by `layer2Request.temporaryKeyId`) → device public key, name, OTP, platform…
 *    The caller checks the layer-2 unique value and applies `decideActivationOtp` (§4).
 * 4. `completeActivationKeyExchange` → server key pair (generated now or the one from init),
 *    device key, initial CTR_DATA, fingerprint: what the caller stores.
 * 5. `buildActivationResponse` → the layer-1 ECIES response body, wrapping the layer-2 response.
 */
import { type Bytes, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid } from "../core/identifiers";
import { type JsonObject, encodeJson } from "../core/json";
import { type EcKeyPair, decodePublicKey, generateKeyPair, randomBytes } from "../core/primitives";
import { ECIES_SHARED_INFO_1 } from "../ecies/ecies-core";
import {
  type EciesServerContext,
  type EciesTimestampPolicy,
  serverDecryptEciesRequest,
  serverEncryptEciesResponse,
} from "../ecies/ecies-server";
import { type EciesResponsePayload, type ParsedEciesRequest, parseEciesRequest } from "../ecies/ecies-wire";
import { computeActivationFingerprint } from "./activation-fingerprint";
import {
  type ActivationLayer1Request,
  type ActivationLayer1Response,
  type ActivationLayer2Request,
  type ActivationLayer2Response,
  type ActivationRecovery,
  parseActivationLayer1Request,
  parseActivationLayer2Request,
} from "./activation-payloads";

export const ACTIVATION_LAYER_1_SHARED_INFO = ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC;
export const ACTIVATION_LAYER_2_SHARED_INFO = ECIES_SHARED_INFO_1.ACTIVATION_LAYER_2;

/** Application-scope decryption inputs of either layer. */
export interface ActivationDecryptOptions {
  applicationKey: string;
  applicationSecret: string;
  /** Newest master private key (3.0–3.2) or the application-scope temporary private key (3.3). */
  privateKey: Bytes;
  now: number;
  timestampPolicy?: EciesTimestampPolicy;
}

export interface ActivationLayerResult<T> {
  request: T;
  /** Replay protection for this layer (§5.3): the caller must check and store it. */
  uniqueValue: Buffer;
  uniqueValueExpiresAt: number;
  context: EciesServerContext;
}

export interface ActivationLayer1Result extends ActivationLayerResult<ActivationLayer1Request> {
  /** The parsed (still encrypted) layer-2 request, checked for the same version. */
  layer2Request: ParsedEciesRequest;
}

/** Step 2: decrypt and validate layer 1 (`request` is `parseEciesRequest(body, headerVersion)`). */
export function decryptActivationLayer1(request: ParsedEciesRequest, options: ActivationDecryptOptions): ActivationLayer1Result {
  const decrypted = serverDecryptEciesRequest(request, { ...scope(options), sharedInfo1: ACTIVATION_LAYER_1_SHARED_INFO });
  const layer1 = parseActivationLayer1Request(decrypted.plaintext);
  return {
    request: layer1,
    layer2Request: parseEciesRequest(layer1.activationData, request.version),
    uniqueValue: decrypted.uniqueValue,
    uniqueValueExpiresAt: decrypted.uniqueValueExpiresAt,
    context: decrypted.context,
  };
}

/** Step 3: decrypt and validate layer 2 (device public key must be a valid point). */
export function processActivationLayer2(
  layer1: ActivationLayer1Result,
  options: ActivationDecryptOptions,
): ActivationLayerResult<ActivationLayer2Request> {
  const decrypted = serverDecryptEciesRequest(layer1.layer2Request, { ...scope(options), sharedInfo1: ACTIVATION_LAYER_2_SHARED_INFO });
  return {
    request: parseActivationLayer2Request(decrypted.plaintext),
    uniqueValue: decrypted.uniqueValue,
    uniqueValueExpiresAt: decrypted.uniqueValueExpiresAt,
    context: decrypted.context,
  };
}

function scope(options: ActivationDecryptOptions) {
  return {
    applicationKey: options.applicationKey,
    applicationSecret: options.applicationSecret,
    privateKey: options.privateKey,
    now: options.now,
    ...(options.timestampPolicy ? { timestampPolicy: options.timestampPolicy } : {}),
  };
}

export interface ActivationKeyExchange {
  serverKeyPair: EcKeyPair;
  /** 65-byte uncompressed device public key, as stored (§7.2 step 4). */
  devicePublicKey: Buffer;
  /** Initial hash-based counter: 16 random bytes; the numeric counter starts at 0. */
  ctrData: Buffer;
  /** §7.3, for the back office to show before commit. */
  fingerprint: string;
}

/**
 * Step 4: the values to store on the activation. `serverKeyPair` is the pair generated at init
 * (the reference does that); without it a fresh pair is made (CUSTOM/DIRECT flows).
 * `KEY_MASTER_SECRET` is not returned: the server recomputes it from the stored keys (§8).
 */
export function completeActivationKeyExchange(input: {
  activationId: string;
  devicePublicKey: Bytes;
  serverKeyPair?: EcKeyPair;
  /** Test hook. */
  ctrData?: Bytes;
}): ActivationKeyExchange {
  if (!isUuid(input.activationId)) throw new PowerAuthError("INVALID_FORMAT", "activationId must be a UUID");
  const serverKeyPair = input.serverKeyPair ?? generateKeyPair();
  const devicePublicKey = decodePublicKey(input.devicePublicKey, "devicePublicKey");
  const ctrData = Buffer.from(requireCtrData(input.ctrData ?? randomBytes(16)));
  return {
    serverKeyPair,
    devicePublicKey,
    ctrData,
    fingerprint: computeActivationFingerprint(devicePublicKey, input.activationId, serverKeyPair.publicKey),
  };
}

export interface ActivationResponseInput {
  activationId: string;
  serverPublicKey: Bytes;
  ctrData: Bytes;
  /** Only when activation recovery is enabled; a minimal server never sends it (§3.4). */
  activationRecovery?: ActivationRecovery;
  /** Layer-1 `customAttributes`; by default the request's attributes are echoed, as the reference's default processing does. */
  customAttributes?: JsonObject;
  userInfo?: JsonObject;
  now: number;
  /** Test hooks for the 3.2+ response nonces. */
  layer1Nonce?: Bytes;
  layer2Nonce?: Bytes;
}

/**
 * Step 5 (§7.2 step 6): encrypt the layer-2 response with the layer-2 context, put it into the
 * layer-1 plaintext, encrypt that with the layer-1 context. The result is the raw HTTP body.
 */
export function buildActivationResponse(
  layer1: ActivationLayer1Result,
  layer2: ActivationLayerResult<ActivationLayer2Request>,
  input: ActivationResponseInput,
): EciesResponsePayload {
  const layer2Plain: ActivationLayer2Response = {
    activationId: input.activationId,
    serverPublicKey: toBase64(decodePublicKey(input.serverPublicKey, "serverPublicKey")),
    ctrData: toBase64(requireCtrData(input.ctrData)),
    ...(input.activationRecovery ? { activationRecovery: input.activationRecovery } : {}),
  };
  const activationData = serverEncryptEciesResponse(layer2.context, encodeJson(layer2Plain), {
    now: input.now,
    ...(input.layer2Nonce ? { nonce: input.layer2Nonce } : {}),
  });
  const customAttributes = input.customAttributes ?? layer1.request.customAttributes;
  const layer1Plain: ActivationLayer1Response = {
    activationData,
    ...(customAttributes ? { customAttributes } : {}),
    ...(input.userInfo ? { userInfo: input.userInfo } : {}),
  };
  return serverEncryptEciesResponse(layer1.context, encodeJson(layer1Plain), {
    now: input.now,
    ...(input.layer1Nonce ? { nonce: input.layer1Nonce } : {}),
  });
}

function requireCtrData(ctrData: Bytes): Bytes {
  if (ctrData.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "ctrData must be 16 bytes");
  return ctrData;
}
