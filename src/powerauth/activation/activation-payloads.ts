/**
 * The JSON payloads of the activation key exchange (powerauth-protocol.md §7.1), shared by the
 * server (`key-exchange.ts`) and the device (`device/create-activation.ts`). Each `parse…` function
 * validates a decrypted payload and fails with a typed error; nothing is trusted unchecked.
 */
import { type Bytes, fromBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid } from "../core/identifiers";
import { type JsonObject, isJsonObject, optionalObject, optionalString, parseJsonObject, requiredString } from "../core/json";
import type { EciesResponsePayload } from "../ecies/ecies-wire";
import { assertValidActivationCode } from "./activation-code";
import { decodePublicKeyBase64 } from "./application-keys";

export type ActivationType = "CODE" | "RECOVERY" | "DIRECT" | "CUSTOM";
const ACTIVATION_TYPES: readonly ActivationType[] = ["CODE", "RECOVERY", "DIRECT", "CUSTOM"];

/** Layer-1 plaintext: the field is `type`, not `activationType` (§19.5). */
export interface ActivationLayer1Request {
  type: ActivationType;
  /** CODE: `{code}`; RECOVERY: `{recoveryCode, puk}`; CUSTOM/DIRECT: any string map. */
  identityAttributes: Record<string, string>;
  customAttributes?: JsonObject;
  /** The layer-2 ECIES request object, still encrypted. */
  activationData: JsonObject;
}

/** Layer-2 plaintext, as the server reads it. */
export interface ActivationLayer2Request {
  /** Validated P-256 point, normalised to 65 bytes uncompressed (§7.2 step 4). */
  devicePublicKey: Buffer;
  activationName?: string;
  activationOtp?: string;
  /** Lower-cased; `"unknown"` when absent (§7.2 step 4). */
  platform: string;
  deviceInfo?: string;
  extras?: string;
}

export interface ActivationRecovery {
  recoveryCode: string;
  puk: string;
}

/** Layer-2 response plaintext. */
export interface ActivationLayer2Response {
  activationId: string;
  /** Base64 of the 65-byte uncompressed point. */
  serverPublicKey: string;
  /** Base64 of the 16-byte initial CTR_DATA. */
  ctrData: string;
  activationRecovery?: ActivationRecovery;
}

/** Layer-1 response plaintext. */
export interface ActivationLayer1Response {
  activationData: EciesResponsePayload;
  customAttributes?: JsonObject;
  userInfo?: JsonObject;
}

function stringMap(value: unknown, what: string): Record<string, string> {
  if (!isJsonObject(value)) throw new PowerAuthError("INVALID_FORMAT", `${what} must be an object`);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw new PowerAuthError("INVALID_FORMAT", `${what}.${key} must be a string`);
  }
  return value as Record<string, string>;
}

/**
 * Validates the layer-1 plaintext. For CODE the activation code must pass the §3.2 checks
 * (`INVALID_ACTIVATION_CODE`); for RECOVERY `recoveryCode` and `puk` must be present.
 */
export function parseActivationLayer1Request(plaintext: Bytes | string): ActivationLayer1Request {
  const object = parseJsonObject(plaintext, "activation layer 1");
  const type = object.type;
  if (typeof type !== "string" || !(ACTIVATION_TYPES as readonly string[]).includes(type)) {
    throw new PowerAuthError("INVALID_FORMAT", "activation layer 1 type must be CODE, RECOVERY, DIRECT or CUSTOM");
  }
  const identityAttributes = stringMap(object.identityAttributes, "identityAttributes");
  if (type === "CODE") assertValidActivationCode(identityAttributes.code);
  if (type === "RECOVERY") {
    assertValidActivationCode(identityAttributes.recoveryCode);
    if (!/^[0-9]{10}$/.test(identityAttributes.puk ?? "")) {
      throw new PowerAuthError("INVALID_FORMAT", "identityAttributes.puk must be 10 digits");
    }
  }
  const customAttributes = optionalObject(object, "customAttributes", "activation layer 1");
  const activationData = object.activationData;
  if (!isJsonObject(activationData)) throw new PowerAuthError("INVALID_FORMAT", "activation layer 1 needs activationData");
  return {
    type: type as ActivationType,
    identityAttributes,
    ...(customAttributes ? { customAttributes } : {}),
    activationData,
  };
}

/** Validates the layer-2 plaintext; the device public key must be a point on P-256. */
export function parseActivationLayer2Request(plaintext: Bytes | string): ActivationLayer2Request {
  const object = parseJsonObject(plaintext, "activation layer 2");
  const what = "activation layer 2";
  const devicePublicKey = decodePublicKeyBase64(requiredString(object, "devicePublicKey", what), "devicePublicKey");
  const optional = (key: string) => optionalString(object, key, what);
  const activationName = optional("activationName");
  const activationOtp = optional("activationOtp");
  const deviceInfo = optional("deviceInfo");
  const extras = optional("extras");
  const platform = optional("platform")?.toLowerCase() || "unknown";
  return {
    devicePublicKey,
    ...(activationName !== undefined ? { activationName } : {}),
    ...(activationOtp !== undefined ? { activationOtp } : {}),
    platform,
    ...(deviceInfo !== undefined ? { deviceInfo } : {}),
    ...(extras !== undefined ? { extras } : {}),
  };
}

/** Device side: validates the decrypted layer-2 response. */
export function parseActivationLayer2Response(plaintext: Bytes | string): ActivationLayer2Response {
  const object = parseJsonObject(plaintext, "activation layer 2 response");
  const what = "activation layer 2 response";
  const activationId = requiredString(object, "activationId", what);
  if (!isUuid(activationId)) throw new PowerAuthError("INVALID_FORMAT", "activationId must be a UUID");
  const serverPublicKey = requiredString(object, "serverPublicKey", what);
  decodePublicKeyBase64(serverPublicKey, "serverPublicKey");
  const ctrData = requiredString(object, "ctrData", what);
  fromBase64(ctrData, "ctrData", 16);
  const recovery = optionalObject(object, "activationRecovery", what);
  const activationRecovery = recovery
    ? {
        recoveryCode: requiredString(recovery, "recoveryCode", "activationRecovery"),
        puk: requiredString(recovery, "puk", "activationRecovery"),
      }
    : undefined;
  return { activationId, serverPublicKey, ctrData, ...(activationRecovery ? { activationRecovery } : {}) };
}

/** Device side: validates the decrypted layer-1 response (its `activationData` is checked when decrypted). */
export function parseActivationLayer1Response(plaintext: Bytes | string): ActivationLayer1Response {
  const object = parseJsonObject(plaintext, "activation layer 1 response");
  const what = "activation layer 1 response";
  const activationData = object.activationData;
  if (!isJsonObject(activationData)) throw new PowerAuthError("INVALID_FORMAT", `${what} needs activationData`);
  const customAttributes = optionalObject(object, "customAttributes", what);
  const userInfo = optionalObject(object, "userInfo", what);
  return {
    activationData: activationData as unknown as EciesResponsePayload,
    ...(customAttributes ? { customAttributes } : {}),
    ...(userInfo ? { userInfo } : {}),
  };
}
