/**
 * Device side of `POST /pa/v3/activation/status` (powerauth-protocol.md §9): build the request
 * with a fresh 16-byte challenge (3.0 activations send none), decrypt the status blob, and
 * synchronise the hash-based counter. Returns a new `DeviceActivation`; the input is not changed.
 */
import type { ActivationState } from "../activation/activation-state";
import { type CounterSyncResult, synchronizeCounter } from "../activation/counter-sync";
import { decryptStatusBlob } from "../activation/status-blob";
import { fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { toJsonObject } from "../core/json";
import { randomBytes } from "../core/primitives";
import type { DeviceActivation } from "./device-state";

export interface StatusRequest {
  body: { requestObject: { activationId: string; challenge?: string } };
  /** Keep until the response arrives. */
  pending: { challenge: string | null };
}

/** Builds the status request; 3.0 clients omit `challenge` (§9). */
export function createStatusRequest(activation: DeviceActivation, options: { challenge?: string } = {}): StatusRequest {
  if (activation.version === "3.0") {
    return { body: { requestObject: { activationId: activation.activationId } }, pending: { challenge: null } };
  }
  const challenge = options.challenge ?? toBase64(randomBytes(16));
  return { body: { requestObject: { activationId: activation.activationId, challenge } }, pending: { challenge } };
}

export interface DeviceActivationStatus {
  /** The server's state, or DEADLOCK when the counters cannot be synchronised (as the SDK reports it). */
  state: ActivationState | "DEADLOCK";
  failedAttempts: number;
  maxFailedAttempts: number;
  /** `maxFailedAttempts − failedAttempts`, never negative. */
  remainingAttempts: number;
  currentVersion: number;
  upgradeVersion: number;
  counterSync: CounterSyncResult;
  /** True when the state is ACTIVE and the device is more than half the look-ahead window ahead. */
  isSignatureCalculationRecommended: boolean;
  /** True when the counter was adopted from the server, so the new state must be saved. */
  needsSave: boolean;
  customObject?: Record<string, unknown>;
}

/**
 * Reads `responseObject` (`{activationId, encryptedStatusBlob, nonce, customObject}`). A blob that
 * does not decrypt (unknown activation, wrong keys) fails with `DECRYPTION_FAILED`: the activation
 * is unusable. 3.0 activations skip counter synchronisation (their counter fields are random).
 */
export function processStatusResponse(
  activation: DeviceActivation,
  pending: StatusRequest["pending"],
  responseObject: unknown,
): { activation: DeviceActivation; status: DeviceActivationStatus } {
  const response = toJsonObject(responseObject, "status responseObject");
  if (response.activationId !== undefined && response.activationId !== activation.activationId) {
    throw new PowerAuthError("INVALID_FORMAT", "status response is for another activation");
  }
  if (typeof response.encryptedStatusBlob !== "string") {
    throw new PowerAuthError("INVALID_FORMAT", "status response lacks encryptedStatusBlob");
  }
  const transportKey = fromBase64(activation.keys.transport, "transport key", 16);
  const challenge = pending.challenge === null ? null : fromBase64(pending.challenge, "challenge", 16);
  const nonce = challenge === null ? null : statusNonce(response.nonce);
  const blob = decryptStatusBlob(fromBase64(response.encryptedStatusBlob, "encryptedStatusBlob", 32), {
    transportKey,
    challenge,
    nonce,
  });
  const sync =
    activation.version === "3.0"
      ? { result: "OK" as const, ctrData: fromBase64(activation.ctrData, "ctrData", 16), counter: activation.counter }
      : synchronizeCounter({ ctrData: fromBase64(activation.ctrData, "ctrData", 16), counter: activation.counter }, blob, transportKey);
  const customObject = toCustomObject(response.customObject);
  return {
    activation: { ...activation, ctrData: toBase64(sync.ctrData), counter: sync.counter },
    status: {
      state: sync.result === "DEADLOCK" ? "DEADLOCK" : blob.state,
      failedAttempts: blob.failedAttempts,
      maxFailedAttempts: blob.maxFailedAttempts,
      remainingAttempts: Math.max(0, blob.maxFailedAttempts - blob.failedAttempts),
      currentVersion: blob.currentVersion,
      upgradeVersion: blob.upgradeVersion,
      counterSync: sync.result,
      isSignatureCalculationRecommended: blob.state === "ACTIVE" && sync.result === "CALCULATE_SIGNATURE",
      needsSave: sync.result === "UPDATED",
      ...(customObject ? { customObject } : {}),
    },
  };
}

function statusNonce(value: unknown): Buffer {
  if (typeof value !== "string") throw new PowerAuthError("INVALID_FORMAT", "status response lacks nonce");
  return fromBase64(value, "status nonce", 16);
}

function toCustomObject(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  return toJsonObject(value, "customObject");
}
