/**
 * ECIES wire objects (powerauth-protocol.md §5.5) and their per-version field rules (§5.3 step 1,
 * §5.4, §19.11). Requests and responses are sent raw, not wrapped in `requestObject`.
 */
import { fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid } from "../core/identifiers";
import { type JsonObject, toJsonObject } from "../core/json";
import { decodePublicKey } from "../core/primitives";
import { type ProtocolVersion, parseProtocolVersion } from "../core/protocol-version";
import { eciesRules } from "./ecies-core";

/** The encrypted request body as JSON. Absent fields are omitted (3.0: no nonce/timestamp, …). */
export interface EciesRequestPayload {
  temporaryKeyId?: string;
  ephemeralPublicKey: string;
  encryptedData: string;
  mac: string;
  nonce?: string;
  timestamp?: number;
}

/** The encrypted response body: `nonce` and `timestamp` only for 3.2+. */
export interface EciesResponsePayload {
  encryptedData: string;
  mac: string;
  nonce?: string;
  timestamp?: number;
}

/** A request with every field decoded and checked for `version`. */
export interface ParsedEciesRequest {
  version: ProtocolVersion;
  /** The key bytes exactly as sent (33 or 65 bytes); they enter the KDF and SH2 unchanged (§5.2). */
  ephemeralPublicKey: Buffer;
  encryptedData: Buffer;
  mac: Buffer;
  nonce: Buffer | null;
  timestamp: number | null;
  temporaryKeyId: string | null;
}

export interface ParsedEciesResponse {
  encryptedData: Buffer;
  mac: Buffer;
  nonce: Buffer | null;
  timestamp: number | null;
}

/** Java serialises absent optionals as `null`; both mean "absent". */
function present(object: JsonObject, key: string): boolean {
  return object[key] !== undefined && object[key] !== null;
}

function base64Field(object: JsonObject, key: string, length?: number): Buffer {
  const value = object[key];
  if (typeof value !== "string") throw new PowerAuthError("INVALID_FORMAT", `ECIES ${key} is missing`);
  return fromBase64(value, `ECIES ${key}`, length);
}

function cipherText(object: JsonObject): Buffer {
  const data = base64Field(object, "encryptedData");
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new PowerAuthError("INVALID_LENGTH", "ECIES encryptedData must be a non-empty multiple of 16 bytes");
  }
  return data;
}

function timestampField(object: JsonObject): number {
  const value = object.timestamp;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new PowerAuthError("INVALID_FORMAT", "ECIES timestamp must be a non-negative integer (ms)");
  }
  return value;
}

/** Requires or forbids a field according to the version rule. */
function expectField(object: JsonObject, key: string, required: boolean, version: ProtocolVersion): boolean {
  const has = present(object, key);
  if (required && !has) throw new PowerAuthError("INVALID_FORMAT", `ECIES ${version} request needs ${key}`);
  if (!required && has) throw new PowerAuthError("INVALID_FORMAT", `ECIES ${version} must not contain ${key}`);
  return has;
}

/**
 * §5.3 step 1: 3.0 has no nonce and no timestamp; 3.1 has a nonce and no timestamp; 3.2 has both;
 * 3.3 also has `temporaryKeyId`. Every version needs `ephemeralPublicKey`, `encryptedData`, `mac`.
 * The ephemeral key must be a point on P-256. Accepts an object or its JSON text/bytes.
 */
export function parseEciesRequest(body: unknown, requestVersion: ProtocolVersion): ParsedEciesRequest {
  const version = parseProtocolVersion(requestVersion);
  const object = toJsonObject(body, "ECIES request");
  const rules = eciesRules(version);
  const ephemeralPublicKey = base64Field(object, "ephemeralPublicKey");
  decodePublicKey(ephemeralPublicKey, "ECIES ephemeralPublicKey");
  const encryptedData = cipherText(object);
  const mac = base64Field(object, "mac", 32);
  const nonce = expectField(object, "nonce", rules.hasNonce, version) ? base64Field(object, "nonce", 16) : null;
  const timestamp = expectField(object, "timestamp", rules.hasTimestamp, version) ? timestampField(object) : null;
  let temporaryKeyId: string | null = null;
  if (expectField(object, "temporaryKeyId", rules.hasTemporaryKey, version)) {
    if (!isUuid(object.temporaryKeyId)) throw new PowerAuthError("INVALID_FORMAT", "ECIES temporaryKeyId must be a UUID");
    temporaryKeyId = object.temporaryKeyId;
  }
  return { version, ephemeralPublicKey, encryptedData, mac, nonce, timestamp, temporaryKeyId };
}

/**
 * §5.4 / §19.11: a 3.2+ response has its own `nonce` and `timestamp`; a 3.0/3.1 response must not
 * contain them (it reuses the request IV).
 */
export function parseEciesResponse(body: unknown, responseVersion: ProtocolVersion): ParsedEciesResponse {
  const version = parseProtocolVersion(responseVersion);
  const object = toJsonObject(body, "ECIES response");
  const rules = eciesRules(version);
  const encryptedData = cipherText(object);
  const mac = base64Field(object, "mac", 32);
  const nonce = expectField(object, "nonce", rules.hasTimestamp, version) ? base64Field(object, "nonce", 16) : null;
  const timestamp = expectField(object, "timestamp", rules.hasTimestamp, version) ? timestampField(object) : null;
  return { encryptedData, mac, nonce, timestamp };
}

/** Serialises a request in the member order the SDK uses. */
export function formatEciesRequest(request: ParsedEciesRequest): EciesRequestPayload {
  return {
    ...(request.temporaryKeyId !== null ? { temporaryKeyId: request.temporaryKeyId } : {}),
    ephemeralPublicKey: toBase64(request.ephemeralPublicKey),
    encryptedData: toBase64(request.encryptedData),
    mac: toBase64(request.mac),
    ...(request.nonce !== null ? { nonce: toBase64(request.nonce) } : {}),
    ...(request.timestamp !== null ? { timestamp: request.timestamp } : {}),
  };
}

export function formatEciesResponse(response: ParsedEciesResponse): EciesResponsePayload {
  return {
    encryptedData: toBase64(response.encryptedData),
    mac: toBase64(response.mac),
    ...(response.nonce !== null ? { nonce: toBase64(response.nonce) } : {}),
    ...(response.timestamp !== null ? { timestamp: response.timestamp } : {}),
  };
}
