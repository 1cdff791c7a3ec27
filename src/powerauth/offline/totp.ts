/**
 * RFC 6238 TOTP, used by the offline "proximity check" (powerauth-protocol.md §13.1, §13.3; HMAC-SHA256,
 * 8 digits by default, §16). HMAC-SHA512 is supported for completeness (§19.14).
 */
import crypto from "node:crypto";

import type { Bytes } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { constantTimeEqualText } from "../core/primitives";

export type TotpAlgorithm = "SHA256" | "SHA512";

export const DEFAULT_TOTP_DIGITS = 8;
export const DEFAULT_TOTP_STEP_SECONDS = 30;

export interface TotpOptions {
  /** The shared seed (raw bytes). */
  seed: Bytes;
  /** Step length in seconds, default 30. */
  stepSeconds?: number;
  /** Output length, default 8. */
  digits?: number;
  /** Default SHA256. */
  algorithm?: TotpAlgorithm;
}

function options(input: TotpOptions): Required<TotpOptions> {
  const stepSeconds = input.stepSeconds ?? DEFAULT_TOTP_STEP_SECONDS;
  const digits = input.digits ?? DEFAULT_TOTP_DIGITS;
  const algorithm = input.algorithm ?? "SHA256";
  if (!Number.isSafeInteger(stepSeconds) || stepSeconds < 1) {
    throw new PowerAuthError("INVALID_FORMAT", "TOTP step length must be a positive whole number of seconds");
  }
  // The truncated value is 31 bits (< 2^31), so more than 10 digits would carry no information.
  if (!Number.isInteger(digits) || digits < 4 || digits > 10) {
    throw new PowerAuthError("INVALID_FORMAT", "TOTP length must be 4–10 digits");
  }
  if (algorithm !== "SHA256" && algorithm !== "SHA512") {
    throw new PowerAuthError("INVALID_FORMAT", `unsupported TOTP algorithm '${String(algorithm)}'`);
  }
  if (input.seed.length === 0) throw new PowerAuthError("INVALID_KEY", "TOTP seed is empty");
  return { seed: input.seed, stepSeconds, digits, algorithm };
}

/** `T = floor(unixSeconds / step)` for a time in Unix milliseconds. */
export function totpStep(nowMs: number, stepSeconds = DEFAULT_TOTP_STEP_SECONDS): bigint {
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new PowerAuthError("INVALID_FORMAT", "time must be a non-negative number of ms");
  return BigInt(Math.floor(Math.floor(nowMs / 1000) / stepSeconds));
}

/** HOTP value for one step `T` (RFC 4226 dynamic truncation, RFC 6238 with SHA-2). */
export function totpForStep(input: TotpOptions, step: bigint): string {
  const { seed, digits, algorithm } = options(input);
  if (step < 0n) throw new PowerAuthError("INVALID_FORMAT", "TOTP step must not be negative");
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(step);
  const mac = crypto.createHmac(algorithm === "SHA256" ? "sha256" : "sha512", seed).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The TOTP at time `nowMs` (Unix ms). */
export function generateTotp(input: TotpOptions & { nowMs: number }): string {
  return totpForStep(input, totpStep(input.nowMs, options(input).stepSeconds));
}

/**
 * The values accepted at `nowMs`: the current step first, then `stepCount` steps back (§13.3). The
 * server tries each of them as the TOTP line of the signed offline data.
 */
export function totpCandidates(input: TotpOptions & { nowMs: number; stepCount: number }): string[] {
  if (!Number.isSafeInteger(input.stepCount) || input.stepCount < 0) {
    throw new PowerAuthError("INVALID_FORMAT", "stepCount must be a non-negative integer");
  }
  const current = totpStep(input.nowMs, options(input).stepSeconds);
  const values: string[] = [];
  for (let back = 0n; back <= BigInt(input.stepCount) && current - back >= 0n; back++) {
    values.push(totpForStep(input, current - back));
  }
  return values;
}

export interface TotpVerification {
  valid: boolean;
  /** How many steps back the match was (0 = current step), or null. */
  stepsBack: number | null;
}

/** Checks a TOTP against the current step and `stepCount` steps back, in constant time per value. */
export function verifyTotp(input: TotpOptions & { nowMs: number; stepCount: number; otp: string }): TotpVerification {
  const candidates = totpCandidates(input);
  let stepsBack: number | null = null;
  // Every candidate is compared, so the time taken does not reveal which step matched.
  candidates.forEach((candidate, index) => {
    if (constantTimeEqualText(candidate, input.otp) && stepsBack === null) stepsBack = index;
  });
  return { valid: stepsBack !== null, stepsBack };
}
