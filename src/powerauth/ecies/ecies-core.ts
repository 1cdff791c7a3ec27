/**
 * ECIES building blocks shared by the server (`ecies-server.ts`) and the client
 * (`ecies-client.ts`), exactly as powerauth-protocol.md §5.1–§5.4 define them. One
 * `EciesCryptoContext` holds everything one request/response pair needs; `sealPayload` and
 * `openPayload` are the same operation for requests and responses, only the inputs differ.
 */
import { type Bytes, int64be, lp, utf8 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  constantTimeEqual,
  ecdh,
  hmacSha256,
  kdfInternal,
  sha256,
  x963,
} from "../core/primitives";
import { type ProtocolVersion, isVersionAtLeast } from "../core/protocol-version";

/** §5.1: every SharedInfo1 constant, named like the reference encryptor IDs. */
export const ECIES_SHARED_INFO_1 = {
  /** Application scope: activation create layer 1 and generic app-scope encryption. */
  APPLICATION_SCOPE_GENERIC: "/pa/generic/application",
  /** Application scope: activation create layer 2 (payload for the PowerAuth core). */
  ACTIVATION_LAYER_2: "/pa/activation",
  /** Activation scope: `/pa/v3/user/info`, activation detail/rename. */
  ACTIVATION_SCOPE_GENERIC: "/pa/generic/activation",
  /** Activation scope: `/pa/v3/upgrade/start`. */
  UPGRADE: "/pa/upgrade",
  /** Activation scope: `/pa/v3/vault/unlock`. */
  VAULT_UNLOCK: "/pa/vault/unlock",
  /** Activation scope: `/pa/v3/token/create`. */
  CREATE_TOKEN: "/pa/token/create",
  /** Activation scope: `/pa/v3/recovery/confirm`. */
  CONFIRM_RECOVERY_CODE: "/pa/recovery/confirm",
} as const;

export type EciesSharedInfo1 = (typeof ECIES_SHARED_INFO_1)[keyof typeof ECIES_SHARED_INFO_1];

export type EciesScope = "application" | "activation";

/** §5.1 table: the scope is fixed by the SharedInfo1 constant. */
export function eciesScopeOf(sharedInfo1: EciesSharedInfo1): EciesScope {
  switch (sharedInfo1) {
    case ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC:
    case ECIES_SHARED_INFO_1.ACTIVATION_LAYER_2:
      return "application";
    case ECIES_SHARED_INFO_1.ACTIVATION_SCOPE_GENERIC:
    case ECIES_SHARED_INFO_1.UPGRADE:
    case ECIES_SHARED_INFO_1.VAULT_UNLOCK:
    case ECIES_SHARED_INFO_1.CREATE_TOKEN:
    case ECIES_SHARED_INFO_1.CONFIRM_RECOVERY_CODE:
      return "activation";
    default:
      throw new PowerAuthError("INVALID_FORMAT", `unknown ECIES SharedInfo1 ${String(sharedInfo1)}`);
  }
}

/** §0.1 table: which fields and rules each minor version has. */
export const eciesRules = (version: ProtocolVersion) => ({
  /** 3.1+: 16-byte nonce, IV derived from it (3.0: zero IV). */
  hasNonce: isVersionAtLeast(version, "3.1"),
  /** 3.2+: timestamp, SH1 prefixed by the version, SH2 with LP(…), associated data, own response nonce. */
  hasTimestamp: isVersionAtLeast(version, "3.2"),
  /** 3.3: `temporaryKeyId` in the request and in the associated data. */
  hasTemporaryKey: isVersionAtLeast(version, "3.3"),
  /** §5.3 step 2 / §16: 60 s for 3.2+, 2 h for 3.0/3.1. */
  replayWindowMs: isVersionAtLeast(version, "3.2") ? 60_000 : 7_200_000,
});

/** What identifies the scope-specific inputs (§5.1). `activation` is required in activation scope only. */
export interface EciesScopeInput {
  applicationKey: string;
  /** The Base64 *text* of APP_SECRET; it enters SH2 as ASCII bytes (§19.7). */
  applicationSecret: string;
  activation?: { activationId: string; transportKey: Bytes };
}

export interface EciesEnvelope {
  encKey: Buffer;
  macKey: Buffer;
  ivKey: Buffer;
}

/** Everything needed to seal or open the payloads of one request/response pair. */
export interface EciesCryptoContext {
  version: ProtocolVersion;
  sharedInfo1: EciesSharedInfo1;
  scope: EciesScope;
  envelope: EciesEnvelope;
  sh2Base: Buffer;
  /** `null` before 3.2. */
  associatedData: Buffer | null;
  /** The request nonce (`null` in 3.0); 3.1 reuses it for the response IV. */
  requestNonce: Buffer | null;
}

/** `SH1`: the constant alone for 3.0/3.1, `version || constant` for 3.2+ (§5.1). */
export function sharedInfo1Bytes(version: ProtocolVersion, sharedInfo1: EciesSharedInfo1): Buffer {
  return utf8(eciesRules(version).hasTimestamp ? `${version}${sharedInfo1}` : sharedInfo1);
}

/** `SH2_BASE`: SHA256(APP_SECRET) in application scope, HMAC(KEY_TRANSPORT, APP_SECRET) in activation scope. */
export function sharedInfo2Base(scope: EciesScope, input: EciesScopeInput): Buffer {
  if (scope === "application") return sha256(utf8(input.applicationSecret));
  return hmacSha256(requireActivation(scope, input).transportKey, utf8(input.applicationSecret));
}

/** `AD` for 3.2/3.3 (§5.1); IDs are used exactly as sent, never re-cased. `null` before 3.2. */
export function associatedData(
  version: ProtocolVersion,
  scope: EciesScope,
  input: EciesScopeInput,
  temporaryKeyId: string | null,
): Buffer | null {
  const rules = eciesRules(version);
  if (!rules.hasTimestamp) return null;
  const parts = [utf8(version), utf8(input.applicationKey)];
  if (scope === "activation") parts.push(utf8(requireActivation(scope, input).activationId));
  if (rules.hasTemporaryKey) {
    if (temporaryKeyId === null) throw new PowerAuthError("INVALID_FORMAT", `ECIES ${version} needs a temporaryKeyId`);
    parts.push(utf8(temporaryKeyId));
  }
  return lp(...parts);
}

function requireActivation(scope: EciesScope, input: EciesScopeInput): NonNullable<EciesScopeInput["activation"]> {
  checkScopeInput(scope, input);
  return input.activation!;
}

/** Activation scope needs the activation ID and transport key; application scope must not have them. */
export function checkScopeInput(scope: EciesScope, input: EciesScopeInput): void {
  if (scope === "activation" && input.activation === undefined) {
    throw new PowerAuthError("INVALID_FORMAT", "activation scope needs the activation ID and transport key");
  }
  if (scope === "application" && input.activation !== undefined) {
    throw new PowerAuthError("INVALID_FORMAT", "application scope must not carry an activation");
  }
}

/**
 * §5.2: `Z = ECDH(priv, EPH_PUB)`, `ENVELOPE = X963(Z, SH1 || EPH_PUB_as_sent, 48)`. The ephemeral
 * key bytes are used exactly as the client encoded them; `ecdh` validates the point.
 */
export function deriveEnvelope(privateKey: Bytes, publicKey: Bytes, sh1: Bytes, ephemeralKeyAsSent: Bytes): EciesEnvelope {
  const envelope = x963(ecdh(privateKey, publicKey), Buffer.concat([sh1, ephemeralKeyAsSent]), 48);
  return { encKey: envelope.subarray(0, 16), macKey: envelope.subarray(16, 32), ivKey: envelope.subarray(32, 48) };
}

/** Builds the context from a derived envelope and the scope inputs. */
export function createCryptoContext(
  version: ProtocolVersion,
  sharedInfo1: EciesSharedInfo1,
  envelope: EciesEnvelope,
  input: EciesScopeInput,
  temporaryKeyId: string | null,
  requestNonce: Buffer | null,
): EciesCryptoContext {
  const scope = eciesScopeOf(sharedInfo1);
  checkScopeInput(scope, input);
  return {
    version,
    sharedInfo1,
    scope,
    envelope,
    sh2Base: sharedInfo2Base(scope, input),
    associatedData: associatedData(version, scope, input, temporaryKeyId),
    requestNonce,
  };
}

/** The per-message inputs: request (`ephemeralKey` set) or response (`ephemeralKey` null, §5.4). */
export interface EciesMessageParams {
  /** The request nonce, or the response nonce (3.2+). For a 3.1 response, the request nonce again. */
  nonce: Buffer | null;
  timestamp: number | null;
  ephemeralKey: Buffer | null;
}

/** `SH2` (§5.1): SH2_BASE before 3.2, `LP(SH2_BASE, NONCE, int64(TS), EPH_PUB|null, AD)` from 3.2. */
function sharedInfo2(context: EciesCryptoContext, message: EciesMessageParams): Buffer {
  if (!eciesRules(context.version).hasTimestamp) return context.sh2Base;
  if (message.nonce === null || message.timestamp === null) {
    throw new PowerAuthError("INVALID_FORMAT", `ECIES ${context.version} needs a nonce and a timestamp`);
  }
  return lp(context.sh2Base, message.nonce, int64be(message.timestamp), message.ephemeralKey, context.associatedData);
}

/** IV: 16 zero bytes in 3.0, `KDF_INTERNAL(KEY_IV, NONCE)` from 3.1 (§5.3 step 5). */
function messageIv(context: EciesCryptoContext, nonce: Buffer | null): Buffer {
  if (!eciesRules(context.version).hasNonce) return Buffer.alloc(16);
  if (nonce === null || nonce.length !== 16) throw new PowerAuthError("INVALID_LENGTH", "ECIES nonce must be 16 bytes");
  return kdfInternal(context.envelope.ivKey, nonce);
}

/** `data = AES-CBC-PKCS7(KEY_ENC, IV, plaintext)`, `mac = HMAC(KEY_MAC, data || SH2)`. */
export function sealPayload(
  context: EciesCryptoContext,
  plaintext: Bytes,
  message: EciesMessageParams,
): { encryptedData: Buffer; mac: Buffer } {
  const encryptedData = aesCbcEncrypt(context.envelope.encKey, messageIv(context, message.nonce), plaintext);
  const mac = hmacSha256(context.envelope.macKey, encryptedData, sharedInfo2(context, message));
  return { encryptedData, mac };
}

/** Checks the MAC in constant time first (§5.3 step 4), then decrypts. */
export function openPayload(
  context: EciesCryptoContext,
  encryptedData: Bytes,
  mac: Bytes,
  message: EciesMessageParams,
): Buffer {
  const expected = hmacSha256(context.envelope.macKey, encryptedData, sharedInfo2(context, message));
  if (!constantTimeEqual(expected, mac)) {
    throw new PowerAuthError("INVALID_MAC", "ECIES MAC does not match (tampered data or wrong key)");
  }
  return aesCbcDecrypt(context.envelope.encKey, messageIv(context, message.nonce), encryptedData);
}
