/**
 * The server side of PowerAuth 3.0–3.3: the one entry services import (`@/powerauth/server`).
 * It is the library's only exception to "no barrel files": services depend on this list, not on
 * the folders behind it, so the library can be rearranged without touching them, and a service
 * cannot reach a device-side function by accident. The sections follow powerauth-protocol.md:
 *
 * | section here                                  | protocol document                          |
 * |-----------------------------------------------|--------------------------------------------|
 * | Versions, errors, identifiers                 | §0, §0.1                                   |
 * | Primitives                                    | §1                                         |
 * | Application setup, mobileSdkConfig            | §2                                         |
 * | Activation code and QR payload                | §3.1–§3.3                                  |
 * | Activation lifecycle, commit phase, OTP       | §4                                         |
 * | ECIES, server side                            | §5.1–§5.5                                  |
 * | Temporary encryption keys                     | §6                                         |
 * | Activation key exchange, fingerprint          | §7.1–§7.3                                  |
 * | Key derivation                                | §8                                         |
 * | Activation status blob                        | §9                                         |
 * | Signatures: data, header, verify, failures    | §10.1–§10.7                                |
 * | MAC tokens                                    | §11.1–§11.3                                |
 * | Offline QR payload, OPERATION_DATA, OTP, TOTP | §13.1–§13.3                                |
 *
 * The device side of every exchange is `@/powerauth/device` (`device.ts`).
 */

// §0, §0.1: protocol versions, the one error type, identifiers.
export { PROTOCOL_VERSIONS, isVersionAtLeast, parseProtocolVersion } from "./core/protocol-version";
export type { ProtocolVersion } from "./core/protocol-version";
export { PowerAuthError } from "./core/errors";
export type { PowerAuthErrorCode } from "./core/errors";
export { isUuid, randomUuid } from "./core/identifiers";

// §1: the primitives a service handles directly (stored keys, secrets, §12 vault unlock).
export { fromBase64, toBase64, utf8 } from "./core/encoding";
export type { Bytes } from "./core/encoding";
export {
  aesCbcEncrypt,
  constantTimeEqual,
  ecdsaSignDer,
  ecdsaVerifyDer,
  generateKeyPair,
  privateKeyObject,
  publicKeyFromPrivate,
  randomBytes,
} from "./core/primitives";
export type { EcKeyPair } from "./core/primitives";

// §2: application setup (master key pair, app key and secret) and mobileSdkConfig.
export {
  decodePrivateKeyBase64,
  decodePublicKeyBase64,
  encodePrivateKey,
  encodePublicKey,
  generateApplicationVersionCredentials,
  generateMasterKeyPair,
  keyPairFromPrivateKey,
} from "./activation/application-keys";
export type { ApplicationVersionCredentials } from "./activation/application-keys";
export { decodeMobileSdkConfig, encodeMobileSdkConfig } from "./activation/sdk-config";
export type { MobileSdkConfig } from "./activation/sdk-config";

// §3.1–§3.3: activation code, its signature and `activationQrCodeData`.
export {
  ACTIVATION_CODE_PATTERN,
  assertValidActivationCode,
  buildActivationQrCodeData,
  generateActivationCode,
  isValidActivationCode,
  signActivationCode,
} from "./activation/activation-code";

// §4: activation states, the per-activation server key pair (init), the OTP rules.
export { ACTIVATION_STATE_CODE } from "./activation/activation-state";
export type { ActivationState } from "./activation/activation-state";
export { generateServerKeyPair } from "./activation/application-keys";
export { decideActivationOtp } from "./activation/activation-otp";
export type {
  ActivationOtpDecision,
  ActivationOtpInput,
  ActivationOtpRejection,
  CommitPhase,
} from "./activation/activation-otp";

// §5: ECIES, server side — header (§5.5), request parsing (§5.3 step 1), decryption with replay
// data (§5.3), response encryption (§5.4).
export { ECIES_SHARED_INFO_1, eciesScopeOf } from "./ecies/ecies-core";
export type { EciesScope, EciesScopeInput, EciesSharedInfo1 } from "./ecies/ecies-core";
export { ENCRYPTION_HEADER_NAME, parseEncryptionHeader } from "./ecies/ecies-header";
export type { EncryptionHeader } from "./ecies/ecies-header";
export { parseEciesRequest } from "./ecies/ecies-wire";
export type { EciesRequestPayload, EciesResponsePayload, ParsedEciesRequest } from "./ecies/ecies-wire";
export {
  DEFAULT_STALE_TOLERANCE_MS,
  checkEciesTimestamp,
  serverDecryptEciesRequest,
  serverEncryptEciesResponse,
} from "./ecies/ecies-server";
export type {
  EciesServerContext,
  EciesServerDecryptOptions,
  EciesServerDecryptResult,
  EciesServerEncryptOptions,
  EciesTimestampPolicy,
} from "./ecies/ecies-server";

// §6: temporary encryption keys (3.3), `POST /pa/v3/keystore/create`.
export {
  TEMPORARY_KEY_VALIDITY_MS,
  issueTemporaryKey,
  parseTemporaryKeyRequest,
  verifyTemporaryKeyRequest,
} from "./ecies/temporary-key";
export type {
  IssueTemporaryKeyOptions,
  IssuedTemporaryKey,
  TemporaryKeyRequest,
  TemporaryKeyRequestSecrets,
  VerifiedTemporaryKeyRequest,
} from "./ecies/temporary-key";

// §7.1–§7.2: activation key exchange, `POST /pa/v3/activation/create`; §7.3 fingerprint.
export {
  ACTIVATION_LAYER_1_SHARED_INFO,
  ACTIVATION_LAYER_2_SHARED_INFO,
  buildActivationResponse,
  completeActivationKeyExchange,
  decryptActivationLayer1,
  processActivationLayer2,
} from "./activation/key-exchange";
export type {
  ActivationDecryptOptions,
  ActivationKeyExchange,
  ActivationLayer1Result,
  ActivationLayerResult,
  ActivationResponseInput,
} from "./activation/key-exchange";
export type {
  ActivationLayer1Request,
  ActivationLayer2Request,
  ActivationRecovery,
  ActivationType,
} from "./activation/activation-payloads";
export { FINGERPRINT_DIGITS, computeActivationFingerprint } from "./activation/activation-fingerprint";

// §8: key derivation (recomputed from the stored server private key and device public key).
export { computeMasterSecret, deriveActivationKeys, deriveTransportKey } from "./activation/activation-keys";
export type { ActivationKeys } from "./activation/activation-keys";

// §9: activation status, `POST /pa/v3/activation/status`.
export {
  CURRENT_ACTIVATION_VERSION,
  encryptStatusBlob,
  parseActivationStatusRequest,
  randomStatusBlob,
} from "./activation/status-blob";
export type { EncryptedStatusBlob, StatusBlobInput } from "./activation/status-blob";

// §10.1: normalised data and the canonical query string; §10.7: signed endpoints.
export {
  SIGNED_ENDPOINTS,
  allowedSignatureTypes,
  canonicalQueryFromParams,
  canonicalQueryString,
  normalizedRequestData,
  onlineSignatureData,
  signatureData,
  signedEndpointByPath,
  signedEndpointByUriId,
} from "./signature/signature-data";
export type { RequestDataInput, SignedEndpoint, SignedEndpointName } from "./signature/signature-data";
// §10.4: `X-PowerAuth-Authorization` and the signature types it may name.
export { AUTHORIZATION_HEADER_NAME, parseAuthorizationHeader } from "./signature/authorization-header";
export type { PowerAuthAuthorization } from "./signature/authorization-header";
export {
  SIGNATURE_TYPES,
  isSignatureType,
  parseSignatureType,
  requireSignatureTypeAllowed,
} from "./signature/signature-type";
export type { SignatureType } from "./signature/signature-type";
// §10.5: verification with the look-ahead window; §10.6: failure counting and blocking.
export {
  DEFAULT_COMPONENT_LENGTH,
  DEFAULT_LOOK_AHEAD,
  DEFAULT_MAX_FAILED_ATTEMPTS,
  signatureFormatForVersion,
  verifySignature,
} from "./signature/signature";
export type {
  SignatureFormat,
  SignatureKeys,
  SignatureVerificationReason,
  SignatureVerificationResult,
  VerifySignatureInput,
} from "./signature/signature";
export { BLOCKED_REASON_MAX_FAILED_ATTEMPTS, decideFailure, decideSuccess } from "./signature/signature-failures";
export type { FailureDecision } from "./signature/signature-failures";

// §11: MAC tokens — create (§11.1), `X-PowerAuth-Token` and its verification (§11.2).
export {
  DEFAULT_TOKEN_FUTURE_VALIDITY_MS,
  DEFAULT_TOKEN_PAST_VALIDITY_MS,
  TOKEN_HEADER_NAME,
  checkTokenTimestamp,
  generateToken,
  parseTokenHeader,
  tokenCreateResponse,
  tokenReplayKey,
  verifyToken,
} from "./token/token";
export type {
  GeneratedToken,
  PowerAuthTokenHeader,
  TokenCreateResponse,
  TokenReplayKey,
  TokenTimeWindow,
  TokenVerificationReason,
  TokenVerificationResult,
} from "./token/token";

// §13.1: the offline QR payload and its proximity TOTP line.
export { buildOfflinePayload, escapeOfflineText } from "./offline/offline-payload";
export type {
  BuiltOfflinePayload,
  OfflineKeyIndicator,
  OfflinePayloadInput,
  OfflinePayloadSigner,
} from "./offline/offline-payload";
export {
  DEFAULT_TOTP_DIGITS,
  DEFAULT_TOTP_STEP_SECONDS,
  generateTotp,
  totpCandidates,
  verifyTotp,
} from "./offline/totp";
export type { TotpAlgorithm, TotpOptions, TotpVerification } from "./offline/totp";
// §13.2: OPERATION_DATA.
export {
  MAX_OPERATION_DATA_FIELDS,
  buildOperationData,
  escapeOperationDataText,
  parseOperationData,
} from "./offline/operation-data";
export type { OperationData, OperationDataField } from "./offline/operation-data";
// §13.3: verifying the offline OTP the user typed.
export { OFFLINE_URI_ID, normalizeOfflineOtp, verifyOfflineOtp } from "./offline/offline-signature";
export type {
  OfflineSignatureType,
  OfflineVerificationResult,
  ProximityCheck,
  VerifyOfflineOtpInput,
} from "./offline/offline-signature";
