/**
 * Device side of the activation key exchange (powerauth-protocol.md §7), for versions 3.0–3.3:
 * build the two-layer request for `POST /pa/v3/activation/create`, then finish from the response
 * (decrypt both layers, compute the master secret, derive the keys, compute the fingerprint) and
 * produce a `DeviceActivation`. Between the two steps the device keeps a plain JSON object.
 */
import { verifyActivationQrCodeData } from "../activation/activation-code";
import { computeActivationFingerprint } from "../activation/activation-fingerprint";
import { computeMasterSecret, deriveActivationKeys } from "../activation/activation-keys";
import {
  type ActivationRecovery,
  type ActivationType,
  parseActivationLayer1Response,
  parseActivationLayer2Response,
} from "../activation/activation-payloads";
import { decodePrivateKeyBase64, decodePublicKeyBase64 } from "../activation/application-keys";
import { fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { type JsonObject, encodeJson } from "../core/json";
import { type EcKeyPair, generateKeyPair } from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";
import { type EciesClientContext, clientDecryptEciesResponse } from "../ecies/ecies-client";
import { ECIES_SHARED_INFO_1 } from "../ecies/ecies-core";
import type { EciesRequestPayload } from "../ecies/ecies-wire";
import type { DeviceActivation, DeviceAppConfig } from "./device-state";
import { type DeviceEciesOptions, encryptApplicationRequest } from "./encrypt-request";
import type { DeviceTemporaryKey } from "./temporary-keys";

export interface CreateActivationInput {
  app: DeviceAppConfig;
  version: ProtocolVersion;
  /**
   * For type CODE: the code, or the scanned QR text `CODE#SIGNATURE`, whose signature is then
   * verified with the master public key (§3.3). A typed code only gets the CRC check.
   */
  activationCode?: string;
  /** Other activation types (RECOVERY, DIRECT, CUSTOM) with their identity attributes. */
  identity?: { type: Exclude<ActivationType, "CODE">; identityAttributes: Record<string, string> };
  activationName?: string;
  activationOtp?: string;
  platform?: string;
  deviceInfo?: string;
  extras?: string;
  customAttributes?: JsonObject;
  /** 3.3: the application-scope temporary key; the SDK uses it for both layers (§7.2 step 3). */
  temporaryKey?: DeviceTemporaryKey;
  now: number;
  /** Test hook. */
  deviceKeyPair?: EcKeyPair;
}

/** What the device keeps while the request is in flight (plain JSON, Base64 strings). */
export interface PendingDeviceActivation {
  version: ProtocolVersion;
  app: DeviceAppConfig;
  devicePrivateKey: string;
  devicePublicKey: string;
  layer1: EciesClientContext;
  layer2: EciesClientContext;
}

export interface CreateActivationRequest {
  body: EciesRequestPayload;
  /** `X-PowerAuth-Encryption: PowerAuth application_key="…", version="3.x"`. */
  encryptionHeader: string;
  pending: PendingDeviceActivation;
}

function identityOf(input: CreateActivationInput): { type: ActivationType; identityAttributes: Record<string, string> } {
  if ((input.activationCode === undefined) === (input.identity === undefined)) {
    throw new PowerAuthError("INVALID_FORMAT", "give either an activation code or another identity");
  }
  if (input.activationCode !== undefined) {
    const master = fromBase64(input.app.masterServerPublicKey, "master public key");
    const { activationCode } = verifyActivationQrCodeData(input.activationCode, master);
    return { type: "CODE", identityAttributes: { code: activationCode } };
  }
  return input.identity!;
}

/** Builds the two-layer activation request (layer 2 inside layer 1, both application scope). */
export function createActivationRequest(input: CreateActivationInput): CreateActivationRequest {
  const identity = identityOf(input);
  const deviceKeys = input.deviceKeyPair ?? generateKeyPair();
  const options: DeviceEciesOptions = { now: input.now, ...(input.temporaryKey ? { temporaryKey: input.temporaryKey } : {}) };
  const layer2Plain = {
    devicePublicKey: toBase64(deviceKeys.publicKey),
    ...(input.activationName !== undefined ? { activationName: input.activationName } : {}),
    ...(input.activationOtp !== undefined ? { activationOtp: input.activationOtp } : {}),
    platform: input.platform ?? "unknown",
    ...(input.deviceInfo !== undefined ? { deviceInfo: input.deviceInfo } : {}),
    ...(input.extras !== undefined ? { extras: input.extras } : {}),
  };
  const layer2 = encryptApplicationRequest(
    input.app,
    input.version,
    ECIES_SHARED_INFO_1.ACTIVATION_LAYER_2,
    encodeJson(layer2Plain),
    options,
  );
  const layer1Plain = {
    ...identity,
    ...(input.customAttributes ? { customAttributes: input.customAttributes } : {}),
    activationData: layer2.body,
  };
  const layer1 = encryptApplicationRequest(
    input.app,
    input.version,
    ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC,
    encodeJson(layer1Plain),
    options,
  );
  return {
    body: layer1.body,
    encryptionHeader: layer1.encryptionHeader,
    pending: {
      version: input.version,
      app: input.app,
      devicePrivateKey: toBase64(deviceKeys.privateKey),
      devicePublicKey: toBase64(deviceKeys.publicKey),
      layer1: layer1.context,
      layer2: layer2.context,
    },
  };
}

export interface FinishedActivation {
  activation: DeviceActivation;
  /** §7.3: shown to the user to compare with the back office before commit. */
  fingerprint: string;
  activationRecovery?: ActivationRecovery;
  customAttributes?: JsonObject;
  userInfo?: JsonObject;
}

/**
 * Reads the layer-1 response body: decrypts both layers (MACs checked), then
 * `KEY_MASTER_SECRET = R16(ECDH(KEY_DEVICE_PRIVATE, KEY_SERVER_PUBLIC))` and the §8 keys.
 * The new activation starts with the server's CTR_DATA and counter 0.
 */
export function finishActivation(pending: PendingDeviceActivation, responseBody: unknown): FinishedActivation {
  const layer1 = parseActivationLayer1Response(clientDecryptEciesResponse(pending.layer1, responseBody));
  const layer2 = parseActivationLayer2Response(clientDecryptEciesResponse(pending.layer2, layer1.activationData));
  const devicePrivateKey = decodePrivateKeyBase64(pending.devicePrivateKey, "device private key");
  const serverPublicKey = decodePublicKeyBase64(layer2.serverPublicKey, "server public key");
  const devicePublicKey = decodePublicKeyBase64(pending.devicePublicKey, "device public key");
  const keys = deriveActivationKeys(computeMasterSecret(devicePrivateKey, serverPublicKey));
  const activation: DeviceActivation = {
    version: pending.version,
    app: pending.app,
    activationId: layer2.activationId,
    devicePrivateKey: pending.devicePrivateKey,
    devicePublicKey: pending.devicePublicKey,
    serverPublicKey: toBase64(serverPublicKey),
    keys: {
      possession: toBase64(keys.signaturePossession),
      knowledge: toBase64(keys.signatureKnowledge),
      biometry: toBase64(keys.signatureBiometry),
      transport: toBase64(keys.transport),
    },
    ctrData: layer2.ctrData,
    counter: 0,
  };
  return {
    activation,
    fingerprint: computeActivationFingerprint(devicePublicKey, layer2.activationId, serverPublicKey),
    ...(layer2.activationRecovery ? { activationRecovery: layer2.activationRecovery } : {}),
    ...(layer1.customAttributes ? { customAttributes: layer1.customAttributes } : {}),
    ...(layer1.userInfo ? { userInfo: layer1.userInfo } : {}),
  };
}
