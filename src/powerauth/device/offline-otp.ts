/**
 * Device side of offline signatures (powerauth-protocol.md §13): scan a QR payload, check its ECDSA
 * signature with the master key (K=0) or the activation's server key (K=1), and compute the OTP the
 * user types into the web page. Like an online signature it consumes one counter step, so the NEW
 * state is returned and the input is not mutated.
 */
import { fromBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { type OfflinePayload, parseOfflinePayload, verifyOfflinePayload } from "../offline/offline-payload";
import { computeOfflineOtp, type OfflineSignatureType } from "../offline/offline-signature";
import type { DeviceActivation } from "./device-state";
import { deviceSignatureKeys, withAdvancedCounter } from "./sign-request";

export interface OfflineOtpOptions {
  /** `possession_knowledge` (default), or `possession_biometry` when the QR code has flag `B`. */
  signatureType?: OfflineSignatureType;
  /** 4–8 digits per component, default 8; must match the server's configuration. */
  componentLength?: number;
}

export interface OfflineOtpResult {
  /** `DDDDDDDD-DDDDDDDD`; apps usually show it as 4-4-4-4 groups. */
  otp: string;
  /** What the app shows before asking for approval. */
  operation: OfflinePayload;
  state: DeviceActivation;
}

/** Parses and verifies the QR payload, then computes the OTP over `operationId&operationData[&totp]`. */
export function computeOfflineOtpFromQr(
  state: DeviceActivation,
  payload: string,
  options: OfflineOtpOptions = {},
): OfflineOtpResult {
  const operation = parseOfflinePayload(payload);
  const trusted = verifyOfflinePayload(operation, {
    masterPublicKey: fromBase64(state.app.masterServerPublicKey, "master public key"),
    serverPublicKey: fromBase64(state.serverPublicKey, "server public key"),
  });
  if (!trusted) throw new PowerAuthError("INVALID_SIGNATURE", "the QR code's ECDSA signature does not verify");

  const signatureType = options.signatureType ?? "possession_knowledge";
  if (signatureType !== "possession_knowledge" && signatureType !== "possession_biometry") {
    throw new PowerAuthError("SIGNATURE_TYPE_NOT_ALLOWED", "offline OTPs are possession_knowledge or possession_biometry");
  }
  if (signatureType === "possession_biometry" && !operation.flags.biometry) {
    throw new PowerAuthError("SIGNATURE_TYPE_NOT_ALLOWED", "this QR code does not allow biometry (no flag B)");
  }
  const otp = computeOfflineOtp({
    keys: deviceSignatureKeys(state),
    ctrData: fromBase64(state.ctrData, "ctrData", 16),
    signatureType,
    componentLength: options.componentLength,
    operationId: operation.operationId,
    operationData: operation.operationData,
    totp: operation.totp,
    nonce: operation.nonce,
  });
  return { otp, operation, state: withAdvancedCounter(state) };
}
