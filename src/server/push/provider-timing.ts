/**
 * Time values the three provider clients share: `Retry-After` (RFC 9110 §10.2.3: delay-seconds or
 * an HTTP-date) and the expiry a message's `validUntil` becomes (reference/powerauth-products.md
 * §2.5: APNs `apns-expiration`, FCM/HMS `android.ttl`).
 */
import type { DeliveryOutcome } from "./provider";

/** Milliseconds to wait, or null when the header is absent or not one of the two RFC forms. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date always names the weekday and "GMT"; Date.parse would take far looser input.
  if (!/^[A-Za-z]{3},? .*GMT$/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** FCM and HMS keep a message at most 28 days; a longer validUntil means "the provider's default". */
export const MAX_TTL_SECONDS = 28 * 24 * 3600;

export type Expiry = { kind: "none" } | { kind: "until"; epochSeconds: number; ttlSeconds: number } | { kind: "refused"; outcome: DeliveryOutcome };

/**
 * What `validUntil` means for a send now. A value already past is refused before sending: the
 * message may not be shown any more, and every retry would only be later (the pipeline records
 * REJECTED and stops). An unreadable one is refused the same way, as APNs refuses a bad
 * `apns-expiration` (BadExpirationDate).
 */
export function resolveExpiry(validUntil: string | null | undefined, now = Date.now()): Expiry {
  if (validUntil === null || validUntil === undefined) return { kind: "none" };
  const at = Date.parse(validUntil);
  if (Number.isNaN(at)) return { kind: "refused", outcome: { kind: "REJECTED", providerStatus: null, reason: "BadExpirationDate: validUntil is not an ISO-8601 time" } };
  if (at <= now) return { kind: "refused", outcome: { kind: "REJECTED", providerStatus: null, reason: "Expired: validUntil has passed" } };
  return { kind: "until", epochSeconds: Math.floor(at / 1000), ttlSeconds: Math.ceil((at - now) / 1000) };
}

/** The outcome of a request that got no answer (timeout, connection lost). */
export function describeNetworkFailure(error: unknown): DeliveryOutcome {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") return { kind: "TRANSIENT", providerStatus: null, reason: "Timeout: no answer in time" };
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "TRANSIENT", providerStatus: null, reason: `Network error: ${message}${cause}` };
}
