/**
 * The six PowerAuth signature types (factor combinations) and the keys each one uses
 * (powerauth-protocol.md §10.2, §10.4, §10.7). Kept apart from the signature maths so that header
 * parsing and endpoint tables can name types without pulling in the HMAC code.
 */
import { PowerAuthError } from "../core/errors";

/** Every value `pa_signature_type` may take (§10.4), in the lower-case wire spelling. */
export const SIGNATURE_TYPES = [
  "possession",
  "knowledge",
  "biometry",
  "possession_knowledge",
  "possession_biometry",
  "possession_knowledge_biometry",
] as const;

export type SignatureType = (typeof SIGNATURE_TYPES)[number];

/** One authentication factor; each has its own 16-byte signature key (§8). */
export type SignatureFactor = "possession" | "knowledge" | "biometry";

/**
 * The keys a type uses, IN ORDER (§10.2): the order matters because component i chains the MACs of
 * keys 1…i, so `possession_knowledge` is [P, K] and never [K, P].
 */
const FACTORS: Readonly<Record<SignatureType, readonly SignatureFactor[]>> = {
  possession: ["possession"],
  knowledge: ["knowledge"],
  biometry: ["biometry"],
  possession_knowledge: ["possession", "knowledge"],
  possession_biometry: ["possession", "biometry"],
  possession_knowledge_biometry: ["possession", "knowledge", "biometry"],
};

export function isSignatureType(value: unknown): value is SignatureType {
  return typeof value === "string" && (SIGNATURE_TYPES as readonly string[]).includes(value);
}

/** Parses a signature type case-insensitively, as the reference validator does (§10.4). */
export function parseSignatureType(text: string): SignatureType {
  const lower = typeof text === "string" ? text.toLowerCase() : "";
  if (isSignatureType(lower)) return lower;
  throw new PowerAuthError("INVALID_SIGNATURE_TYPE", `unknown signature type '${String(text)}'`);
}

/** The factors (and so the keys) of a type, in signing order. */
export function signatureFactors(type: SignatureType): readonly SignatureFactor[] {
  return FACTORS[type];
}

/**
 * Failures of `possession`-only signatures are not counted and its successes do not reset the
 * counter (§10.6, §19.3); every other type is "strong" in this sense.
 */
export function countsTowardFailures(type: SignatureType): boolean {
  return type !== "possession";
}

/**
 * Each endpoint limits the types it accepts; anything else is rejected before verification
 * (§10.4 last paragraph, reference answer 401 `POWER_AUTH_SIGNATURE_TYPE_INVALID`).
 */
export function requireSignatureTypeAllowed(type: SignatureType, allowed: readonly SignatureType[]): void {
  if (!allowed.includes(type)) {
    throw new PowerAuthError(
      "SIGNATURE_TYPE_NOT_ALLOWED",
      `signature type '${type}' is not allowed here (allowed: ${allowed.join(", ")})`,
    );
  }
}
