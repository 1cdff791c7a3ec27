/**
 * Offline signatures (powerauth-protocol.md §13.3): the OTP a user types after scanning a QR code,
 * its input normalisation, the device computation and the server verification.
 *
 * The signed data: `POST & Base64("/operation/authorize/offline") & NONCE & Base64(BODY) & offline`,
 * BODY = `{operationId}&{operationData}[&{totp}]`; decimal output (§10.2).
 */
import { type Bytes, fromBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import {
  computeSignature,
  DEFAULT_COMPONENT_LENGTH,
  type SignatureCandidate,
  type SignatureKeys,
  type SignatureVerificationResult,
  verifySignatureCandidates,
} from "../signature/signature";
import { normalizedRequestData, OFFLINE_SECRET, SIGNED_ENDPOINTS, signatureData } from "../signature/signature-data";
import type { SignatureType } from "../signature/signature-type";
import { type TotpAlgorithm, totpCandidates } from "./totp";

export const OFFLINE_URI_ID = SIGNED_ENDPOINTS.operationAuthorizeOffline.uriId;

/** The 2FA types an offline OTP may carry; the server accepts nothing else (§13.3). */
export type OfflineSignatureType = Extract<SignatureType, "possession_knowledge" | "possession_biometry">;

export interface OfflineOperation {
  operationId: string;
  operationData: string;
  /** The TOTP line of the QR code, when there was one. */
  totp?: string | null;
  /** The QR nonce: 16 bytes or their Base64. */
  nonce: Bytes | string;
}

/** `{operationId}&{operationData}[&{totp}]` (§13.3; not the whole QR text, §19.12). */
export function offlineSignedBody(operation: Omit<OfflineOperation, "nonce">): string {
  const base = `${operation.operationId}&${operation.operationData}`;
  return operation.totp ? `${base}&${operation.totp}` : base;
}

function nonceBytes(nonce: Bytes | string): Bytes {
  return typeof nonce === "string" ? fromBase64(nonce, "offline nonce", 16) : nonce;
}

/** DATA for an offline signature: method POST, the offline URI id, and `offline` instead of the app secret. */
export function offlineSignatureData(operation: OfflineOperation): Buffer {
  const requestData = normalizedRequestData({
    method: "POST",
    uriId: OFFLINE_URI_ID,
    nonce: nonceBytes(operation.nonce),
    body: offlineSignedBody(operation),
  });
  return signatureData(requestData, OFFLINE_SECRET);
}

/**
 * Normalises what the user typed: whitespace and `-` separators are removed, then exactly
 * 2 × componentLength digits must remain (16 for the default 8), returned as `DDDDDDDD-DDDDDDDD`.
 * 1FA (one component) is not accepted offline. Anything else is `INVALID_OTP`.
 */
export function normalizeOfflineOtp(input: string, componentLength = DEFAULT_COMPONENT_LENGTH): string {
  if (!Number.isInteger(componentLength) || componentLength < 4 || componentLength > 8) {
    throw new PowerAuthError("INVALID_FORMAT", "offline component length must be 4–8 digits");
  }
  const digits = typeof input === "string" ? input.replace(/[\s-]/g, "") : "";
  if (!/^[0-9]+$/.test(digits) || digits.length !== 2 * componentLength) {
    throw new PowerAuthError("INVALID_OTP", `offline OTP must be exactly ${2 * componentLength} digits`);
  }
  return `${digits.slice(0, componentLength)}-${digits.slice(componentLength)}`;
}

export interface ComputeOfflineOtpInput extends OfflineOperation {
  keys: SignatureKeys;
  /** The device's current CTR_DATA. */
  ctrData: Bytes;
  signatureType: SignatureType;
  componentLength?: number;
}

/** The OTP as the device computes it: `DDDDDDDD-DDDDDDDD` for 2FA. The caller then advances its counter. */
export function computeOfflineOtp(input: ComputeOfflineOtpInput): string {
  return computeSignature({
    keys: input.keys,
    type: input.signatureType,
    ctrData: input.ctrData,
    data: offlineSignatureData(input),
    format: "decimal",
    componentLength: input.componentLength,
  });
}

export interface ProximityCheck {
  /** The operation's TOTP seed (raw bytes). */
  seed: Bytes;
  /** Unix ms at verification time. */
  nowMs: number;
  /** How many steps back are still accepted besides the current one. */
  stepCount: number;
  stepSeconds?: number;
  digits?: number;
  algorithm?: TotpAlgorithm;
}

export interface VerifyOfflineOtpInput {
  keys: SignatureKeys;
  ctrData: Bytes;
  counter: number;
  operationId: string;
  operationData: string;
  /** The nonce issued with the QR code. */
  nonce: Bytes | string;
  /** What the user typed; normalised here. */
  otp: string;
  /** Flag `B` was in the QR code, so `possession_biometry` is tried too. */
  allowBiometry: boolean;
  componentLength?: number;
  lookAhead?: number;
  failedAttempts: number;
  maxFailedAttempts?: number;
  /** When the QR code carried a TOTP line. */
  proximity?: ProximityCheck;
}

export interface OfflineVerificationResult extends SignatureVerificationResult {
  /** The TOTP the matching signature covered (null without a proximity check or on failure). */
  totp: string | null;
  /** Steps back of that TOTP (0 = current), or null. */
  totpStepsBack: number | null;
}

/**
 * Server verification (§13.3): at every counter step of the look-ahead window, try
 * `possession_knowledge`, then `possession_biometry` if allowed, and with a proximity seed each
 * candidate TOTP (current step first). Failures always count, since the first type is never
 * `possession` (§10.6). Persist `ctrData`, `counter`, `failedAttempts` and any block as for online
 * signatures. A malformed OTP throws `INVALID_OTP` before any work.
 */
export function verifyOfflineOtp(input: VerifyOfflineOtpInput): OfflineVerificationResult {
  const signature = normalizeOfflineOtp(input.otp, input.componentLength ?? DEFAULT_COMPONENT_LENGTH);
  const nonce = nonceBytes(input.nonce);
  const types: OfflineSignatureType[] = input.allowBiometry
    ? ["possession_knowledge", "possession_biometry"]
    : ["possession_knowledge"];
  const totps: (string | null)[] = input.proximity ? totpCandidates(input.proximity) : [null];

  const candidates: SignatureCandidate[] = [];
  const meta: { totp: string | null; stepsBack: number | null }[] = [];
  totps.forEach((totp, stepsBack) => {
    const data = offlineSignatureData({ ...input, nonce, totp });
    for (const type of types) {
      candidates.push({ type, data });
      meta.push({ totp, stepsBack: totp === null ? null : stepsBack });
    }
  });

  const result = verifySignatureCandidates({
    keys: input.keys,
    ctrData: input.ctrData,
    counter: input.counter,
    candidates,
    format: "decimal",
    componentLength: input.componentLength,
    signature,
    lookAhead: input.lookAhead,
    failedAttempts: input.failedAttempts,
    maxFailedAttempts: input.maxFailedAttempts,
  });
  const matched = result.matchedCandidate === null ? null : meta[result.matchedCandidate]!;
  return { ...result, totp: matched?.totp ?? null, totpStepsBack: matched?.stepsBack ?? null };
}
