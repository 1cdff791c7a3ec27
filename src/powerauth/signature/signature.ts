/**
 * PowerAuth symmetric multi-factor signatures: components (powerauth-protocol.md §10.2), the decimal
 * and Base64 output formats, the hash-based counter (§10.3) and server verification with the
 * look-ahead window (§10.5) plus the failure-counting decision (§10.6).
 *
 * Everything here is pure: the caller loads the activation, passes the stored CTR_DATA, counter and
 * failure count in, and persists what the result says (in the transaction that locked the row, §17).
 */
import { type Bytes, concat, int64be, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { constantTimeEqualText, hmacSha256, r16, sha256 } from "../core/primitives";
import type { ProtocolVersion } from "../core/protocol-version";
import { decideFailure, decideSuccess, type FailureDecision } from "./signature-failures";
import { type SignatureFactor, type SignatureType, signatureFactors } from "./signature-type";

/** The signature keys (§8). Only the keys of the type being computed are required. */
export interface SignatureKeys {
  possession?: Bytes;
  knowledge?: Bytes;
  biometry?: Bytes;
}

/** `decimal` = `DDDDDDDD-DDDDDDDD` (3.0 online, all offline); `base64` = 3.1+ online (§10.2). */
export type SignatureFormat = "decimal" | "base64";

export const DEFAULT_LOOK_AHEAD = 20; // §16
export const DEFAULT_COMPONENT_LENGTH = 8; // §10.2, §16
export const DEFAULT_MAX_FAILED_ATTEMPTS = 5; // §16

/** Which format a `pa_version` expects (§10.2 last bullet): only 3.0 is decimal. */
export function signatureFormatForVersion(version: ProtocolVersion): SignatureFormat {
  switch (version) {
    case "3.0":
      return "decimal";
    case "3.1":
    case "3.2":
    case "3.3":
      return "base64";
    default:
      throw new PowerAuthError("INVALID_VERSION", `unsupported protocol version '${String(version)}'`);
  }
}

// ---------------------------------------------------------------------------------------------
// Hash-based counter (§10.3)
// ---------------------------------------------------------------------------------------------

function requireCtrData(ctrData: Bytes): void {
  if (ctrData.length !== 16) throw new PowerAuthError("INVALID_LENGTH", `CTR_DATA must be 16 bytes, got ${ctrData.length}`);
}

/** `next(c) = R16(SHA256(c))`. */
export function nextCtrData(ctrData: Bytes): Buffer {
  requireCtrData(ctrData);
  return r16(sha256(ctrData));
}

/** Protocol v2 only: `CTR_DATA = 0x00×8 || int64_be(counter)` (§10.3 note). A 3.x server never needs it. */
export function ctrDataForV2Counter(counter: number | bigint): Buffer {
  return concat(Buffer.alloc(8), int64be(counter));
}

// ---------------------------------------------------------------------------------------------
// Components (§10.2)
// ---------------------------------------------------------------------------------------------

function factorKey(keys: SignatureKeys, factor: SignatureFactor): Bytes {
  const key = keys[factor];
  if (!key) throw new PowerAuthError("INVALID_KEY", `the ${factor} signature key is required`);
  if (key.length !== 16) throw new PowerAuthError("INVALID_KEY", `the ${factor} signature key must be 16 bytes`);
  return key;
}

/**
 * The per-counter-step work of §10.2, shared by every type and every data candidate tried at that
 * step: `HMAC(KEYS[f], CTR_DATA)` is computed at most once per factor, and the chained component
 * keys `D_i` at most once per type. This keeps the look-ahead loop cheap (§10.5).
 */
class CounterStep {
  private readonly macs = new Map<SignatureFactor, Buffer>();
  private readonly componentKeys = new Map<SignatureType, Buffer[]>();

  constructor(
    private readonly keys: SignatureKeys,
    readonly ctrData: Bytes,
  ) {}

  /** `HMAC(key = KEYS[f], msg = CTR_DATA)`. */
  private mac(factor: SignatureFactor): Buffer {
    let value = this.macs.get(factor);
    if (!value) {
      value = hmacSha256(factorKey(this.keys, factor), this.ctrData);
      this.macs.set(factor, value);
    }
    return value;
  }

  /**
   * `D_i = HMAC(KEYS[i], CTR)`, then for j = 0…i−1: `D = HMAC(key = HMAC(KEYS[j+1], CTR), msg = D)`.
   * Note KEYS[j+1], not KEYS[j]: that is the reference code and the vectors (§10.2, §19.2).
   */
  keysFor(type: SignatureType): Buffer[] {
    let result = this.componentKeys.get(type);
    if (!result) {
      const macs = signatureFactors(type).map((factor) => this.mac(factor));
      result = macs.map((mac, i) => {
        let d = mac;
        for (let j = 0; j < i; j++) d = hmacSha256(macs[j + 1]!, d);
        return d;
      });
      this.componentKeys.set(type, result);
    }
    return result;
  }

  /** `COMPONENT[i] = HMAC(key = D_i, msg = DATA)`, 32 bytes each. */
  components(type: SignatureType, data: Bytes): Buffer[] {
    return this.keysFor(type).map((d) => hmacSha256(d, data));
  }
}

function requireComponentLength(length: number): void {
  if (!Number.isInteger(length) || length < 4 || length > 8) {
    throw new PowerAuthError("INVALID_FORMAT", `decimal component length must be 4–8 digits, got ${length}`);
  }
}

/** Formats full 32-byte components as the wire signature (§10.2). */
export function formatSignature(
  components: readonly Bytes[],
  format: SignatureFormat,
  componentLength = DEFAULT_COMPONENT_LENGTH,
): string {
  if (format === "base64") {
    // The last 16 bytes of each component, concatenated.
    return toBase64(concat(...components.map((c) => c.subarray(16, 32))));
  }
  requireComponentLength(componentLength);
  const modulus = 10 ** componentLength;
  return components
    .map((c) => {
      const number = Buffer.from(c.buffer, c.byteOffset, c.byteLength).readUInt32BE(28) & 0x7fffffff;
      return String(number % modulus).padStart(componentLength, "0");
    })
    .join("-");
}

/** The raw 32-byte components of a signature over already normalised `data` (§10.1). */
export function computeSignatureComponents(keys: SignatureKeys, type: SignatureType, ctrData: Bytes, data: Bytes): Buffer[] {
  requireCtrData(ctrData);
  return new CounterStep(keys, ctrData).components(type, data);
}

export interface ComputeSignatureInput {
  keys: SignatureKeys;
  type: SignatureType;
  /** The CTR_DATA of this signature (the device's current value). */
  ctrData: Bytes;
  /** Normalised DATA, secret included (§10.1). */
  data: Bytes;
  format: SignatureFormat;
  /** Decimal only: 4–8 digits per component, default 8. */
  componentLength?: number;
}

export function computeSignature(input: ComputeSignatureInput): string {
  const components = computeSignatureComponents(input.keys, input.type, input.ctrData, input.data);
  return formatSignature(components, input.format, input.componentLength);
}

// ---------------------------------------------------------------------------------------------
// Verification (§10.5) with the failure decision (§10.6)
// ---------------------------------------------------------------------------------------------

/** One (type, data) pair the server is prepared to accept at every counter step. */
export interface SignatureCandidate {
  type: SignatureType;
  data: Bytes;
}

export interface VerifySignatureCandidatesInput {
  keys: SignatureKeys;
  /** The stored CTR_DATA: the next value the server expects. */
  ctrData: Bytes;
  /** The stored numeric counter CTR (§9, kept in step with CTR_DATA). */
  counter: number;
  /**
   * Tried in order at every counter step. Failure counting follows the FIRST candidate's type
   * (§13.3: "only the first type is counted").
   */
  candidates: readonly SignatureCandidate[];
  format: SignatureFormat;
  componentLength?: number;
  /** The signature as received. */
  signature: string;
  /** How many counter steps to try, default 20 (§10.5, §16). */
  lookAhead?: number;
  /** The activation's stored failure count and its maximum (§10.6, default 5). */
  failedAttempts: number;
  maxFailedAttempts?: number;
  /**
   * Diagnostics only: after a failure, search this many further steps to tell "device too far
   * ahead" (COUNTER_OUT_OF_WINDOW) apart from a plain mismatch. It never makes a signature valid.
   * Default 0 (off), since it costs work on every failed attempt.
   */
  diagnosticSteps?: number;
}

export type SignatureVerificationReason =
  /** Matched within the look-ahead window. */
  | "OK"
  /** No step in the window matched: wrong factor, wrong data, or the device is beyond the window. */
  | "SIGNATURE_MISMATCH"
  /** As SIGNATURE_MISMATCH, but the diagnostic search found it beyond the window. Still a failure. */
  | "COUNTER_OUT_OF_WINDOW"
  /** `failedAttempts >= maxFailedAttempts` before verifying: block without verifying (§10.5 step 4). */
  | "MAX_FAILED_ATTEMPTS";

export interface SignatureVerificationResult extends FailureDecision {
  valid: boolean;
  reason: SignatureVerificationReason;
  /** The type that matched, or on failure the type whose failure counting applies. */
  signatureType: SignatureType;
  /** Index into `candidates` of the match, or null. */
  matchedCandidate: number | null;
  /** Look-ahead index i of the match (0 = the stored CTR_DATA), or the diagnostic step; else null. */
  matchedStep: number | null;
  /** CTR_DATA to persist: `next(matched)` on success, the stored value otherwise. */
  ctrData: Buffer;
  /** Numeric counter to persist: `CTR + i + 1` on success, unchanged otherwise. */
  counter: number;
}

function requireCount(value: number, what: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new PowerAuthError("INVALID_FORMAT", `${what} must be an integer >= ${min}, got ${value}`);
  }
}

/** Verification trying several (type, data) candidates per counter step; see `verifySignature`. */
export function verifySignatureCandidates(input: VerifySignatureCandidatesInput): SignatureVerificationResult {
  const { keys, candidates, format, signature } = input;
  const componentLength = input.componentLength ?? DEFAULT_COMPONENT_LENGTH;
  const lookAhead = input.lookAhead ?? DEFAULT_LOOK_AHEAD;
  const maxFailedAttempts = input.maxFailedAttempts ?? DEFAULT_MAX_FAILED_ATTEMPTS;
  const diagnosticSteps = input.diagnosticSteps ?? 0;
  requireCtrData(input.ctrData);
  requireCount(input.counter, "counter", 0);
  requireCount(lookAhead, "lookAhead", 1);
  requireCount(input.failedAttempts, "failedAttempts", 0);
  requireCount(maxFailedAttempts, "maxFailedAttempts", 1);
  requireCount(diagnosticSteps, "diagnosticSteps", 0);
  if (format === "decimal") requireComponentLength(componentLength);
  const first = candidates[0];
  if (!first) throw new PowerAuthError("INVALID_FORMAT", "at least one signature candidate is required");
  for (const candidate of candidates) for (const f of signatureFactors(candidate.type)) factorKey(keys, f);

  const stored = Buffer.from(input.ctrData);
  const failure = (reason: SignatureVerificationReason, step: number | null): SignatureVerificationResult => ({
    valid: false,
    reason,
    signatureType: first.type,
    matchedCandidate: null,
    matchedStep: step,
    ctrData: stored,
    counter: input.counter,
    ...decideFailure(first.type, input.failedAttempts, maxFailedAttempts, reason !== "MAX_FAILED_ATTEMPTS"),
  });

  // §10.5 step 4: an activation already at its limit is blocked without trying the signature.
  if (input.failedAttempts >= maxFailedAttempts) return failure("MAX_FAILED_ATTEMPTS", null);

  let ctr: Buffer = stored;
  for (let step = 0; step < lookAhead + diagnosticSteps; step++) {
    const candidateStep = new CounterStep(keys, ctr);
    ctr = nextCtrData(ctr); // next(cand), which is also what a success persists
    for (let index = 0; index < candidates.length; index++) {
      const { type, data } = candidates[index]!;
      const expected = formatSignature(candidateStep.components(type, data), format, componentLength);
      // Constant-time: only the (public) length may short-circuit.
      if (!constantTimeEqualText(expected, signature)) continue;
      if (step >= lookAhead) return failure("COUNTER_OUT_OF_WINDOW", step);
      return {
        valid: true,
        reason: "OK",
        signatureType: type,
        matchedCandidate: index,
        matchedStep: step,
        ctrData: ctr,
        counter: input.counter + step + 1,
        ...decideSuccess(type, input.failedAttempts, maxFailedAttempts),
      };
    }
  }
  return failure("SIGNATURE_MISMATCH", null);
}

export interface VerifySignatureInput extends Omit<VerifySignatureCandidatesInput, "candidates"> {
  /** The type from `pa_signature_type` (already checked against the endpoint's allowed types). */
  signatureType: SignatureType;
  /** Normalised DATA with the application secret (§10.1). */
  data: Bytes;
}

/**
 * Verifies an online signature (§10.5 step 5–6) and tells the caller what to persist. Steps 1–3
 * (activation exists, application version belongs to it, state ACTIVE) are the caller's; for a
 * failure in step 2 use `decideFailure` from `signature-failures.ts`.
 */
export function verifySignature(input: VerifySignatureInput): SignatureVerificationResult {
  const { signatureType, data, ...rest } = input;
  return verifySignatureCandidates({ ...rest, candidates: [{ type: signatureType, data }] });
}
