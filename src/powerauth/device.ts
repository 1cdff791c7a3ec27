/**
 * The device side of PowerAuth 3.0–3.3: the one entry a device simulator, a demo or an integrator
 * imports (`@/powerauth/device`). Like `server.ts` it is a deliberate exception to "no barrel
 * files": callers depend on this list, not on the folders behind it. Every function takes and
 * returns plain JSON device state (`DeviceActivation`), so a "phone" can be stored and resumed.
 * The sections follow powerauth-protocol.md:
 *
 * | section here                                  | protocol document                          |
 * |-----------------------------------------------|--------------------------------------------|
 * | Versions, errors, device state                | §0.1, §8 (the keys the device holds)       |
 * | App configuration (mobileSdkConfig)           | §2                                         |
 * | Activation code and QR payload                | §3.2–§3.3                                  |
 * | ECIES, client side                            | §5                                         |
 * | Temporary encryption keys                     | §6                                         |
 * | Activation key exchange                       | §7                                         |
 * | Activation status and counter sync            | §9, §10.3                                  |
 * | Signing a request                             | §10.1–§10.4, §10.7                         |
 * | MAC tokens                                    | §11.1–§11.2                                |
 * | Offline QR codes and the OTP                  | §13.1–§13.3                                |
 *
 * The server side of every exchange is `@/powerauth/server` (`server.ts`).
 */

// §0.1: protocol versions and the one error type; the device state (keys of §8, counter of §10.3).
export { PROTOCOL_VERSIONS, parseProtocolVersion } from "./core/protocol-version";
export type { ProtocolVersion } from "./core/protocol-version";
export { PowerAuthError } from "./core/errors";
export type { PowerAuthErrorCode } from "./core/errors";
export type { DeviceActivation, DeviceAppConfig, DeviceSignatureKeys } from "./device/device-state";

// §2: the app reads its configuration from mobileSdkConfig.
export { decodeMobileSdkConfig } from "./activation/sdk-config";
export type { MobileSdkConfig } from "./activation/sdk-config";

// §3.2–§3.3: typed codes are auto-corrected and CRC-checked; scanned QR codes are verified.
export {
  autoCorrectActivationCode,
  isValidActivationCode,
  parseActivationQrCodeData,
  verifyActivationQrCodeData,
} from "./activation/activation-code";
export type { ActivationQrCodeData } from "./activation/activation-code";

// §5: ECIES, client side — encrypt in either scope with what the device holds (§5.1 keys,
// §5.5 header), then read the one response with the returned context (§5.4).
export { ECIES_SHARED_INFO_1 } from "./ecies/ecies-core";
export type { EciesSharedInfo1 } from "./ecies/ecies-core";
export { ENCRYPTION_HEADER_NAME } from "./ecies/ecies-header";
export { encryptActivationRequest, encryptApplicationRequest } from "./device/encrypt-request";
export type { DeviceEciesOptions, DeviceEciesRequest } from "./device/encrypt-request";
export { clientDecryptEciesResponse } from "./ecies/ecies-client";
export type { EciesClientContext } from "./ecies/ecies-client";
export type { EciesRequestPayload, EciesResponsePayload } from "./ecies/ecies-wire";

// §6: temporary encryption keys (3.3), `POST /pa/v3/keystore/create`.
export { acceptTemporaryKeyResponse, createTemporaryKeyRequest, isTemporaryKeyUsable } from "./device/temporary-keys";
export type { DeviceTemporaryKey, PendingTemporaryKeyRequest } from "./device/temporary-keys";

// §7: activation key exchange, `POST /pa/v3/activation/create`, with the §7.3 fingerprint.
export { createActivationRequest, finishActivation } from "./device/create-activation";
export type {
  CreateActivationInput,
  CreateActivationRequest,
  FinishedActivation,
  PendingDeviceActivation,
} from "./device/create-activation";
export type { ActivationRecovery, ActivationType } from "./activation/activation-payloads";

// §9: activation status, `POST /pa/v3/activation/status`, and counter synchronisation (§10.3).
export { createStatusRequest, processStatusResponse } from "./device/get-status";
export type { DeviceActivationStatus, StatusRequest } from "./device/get-status";
export type { ActivationState } from "./activation/activation-state";
export type { CounterSyncResult } from "./activation/counter-sync";

// §10: signing a request (§10.1 data, §10.2 components, §10.4 header) for an endpoint of §10.7.
export { signRequest, withAdvancedCounter } from "./device/sign-request";
export type { SignRequestInput, SignedRequest } from "./device/sign-request";
export { AUTHORIZATION_HEADER_NAME } from "./signature/authorization-header";
export { SIGNED_ENDPOINTS } from "./signature/signature-data";
export type { SignedEndpoint, SignedEndpointName } from "./signature/signature-data";
export { SIGNATURE_TYPES } from "./signature/signature-type";
export type { SignatureType } from "./signature/signature-type";

// §11: MAC tokens — keep the token from `/pa/v3/token/create` (§11.1), send `X-PowerAuth-Token` (§11.2).
export { buildDeviceTokenHeader, deviceTokenFromResponse } from "./device/use-token";
export type { DeviceToken, TokenHeader, UseTokenOptions } from "./device/use-token";
export { TOKEN_HEADER_NAME } from "./token/token";

// §12: the secure vault — read the key `/pa/v3/vault/unlock` returns.
export { openVaultUnlockResponse } from "./device/unlock-vault";

// §13: scan and verify the QR payload (§13.1), show OPERATION_DATA (§13.2), compute the OTP (§13.3).
export { parseOfflinePayload, verifyOfflinePayload } from "./offline/offline-payload";
export type { OfflineFlags, OfflinePayload, OfflineVerificationKeys } from "./offline/offline-payload";
export { parseOperationData } from "./offline/operation-data";
export type { OperationData, OperationDataField } from "./offline/operation-data";
export { computeOfflineOtpFromQr } from "./device/offline-otp";
export type { OfflineOtpOptions, OfflineOtpResult } from "./device/offline-otp";
export type { OfflineSignatureType } from "./offline/offline-signature";
