/**
 * When a delivery is tried again (ARCHITECTURE.md "Queue and scale"; reference issue #40: the Push
 * Server never resends). Transient provider trouble (429, 5xx, connection lost) backs off
 * exponentially from 2 s, with jitter so retries of a large fan-out do not arrive together, and
 * never sooner than the provider's Retry-After. A refusal of our own credential is retried on a
 * slower schedule (from 1 minute), so a key fixed in the console is picked up without the
 * messages being lost. A delivery gives up after MAX_ATTEMPTS attempts or when its validUntil
 * would pass before the next attempt.
 */
import type { DeliveryOutcomeKind } from "@/server/push/provider";

export const MAX_ATTEMPTS = 8;
const MAX_DELAY_MS = 15 * 60_000;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export type RetryDecision = { retry: true; at: Date } | { retry: false; reason: "FINAL" | "OUT_OF_ATTEMPTS" | "EXPIRED" };

export function decideRetry({
  kind,
  attempts,
  retryAfterMs,
  validUntil,
  now,
  random = Math.random,
}: {
  kind: DeliveryOutcomeKind;
  /** Attempts made so far, this one included. */
  attempts: number;
  retryAfterMs?: number | null;
  validUntil?: string | null;
  now: number;
  random?: () => number;
}): RetryDecision {
  if (kind !== "TRANSIENT" && kind !== "CREDENTIAL") return { retry: false, reason: "FINAL" };
  if (attempts >= MAX_ATTEMPTS) return { retry: false, reason: "OUT_OF_ATTEMPTS" };
  const base = kind === "CREDENTIAL" ? 60_000 : 2_000;
  let delay = Math.min(MAX_DELAY_MS, base * 2 ** Math.max(0, attempts - 1)) * (0.8 + 0.4 * random());
  if (retryAfterMs && retryAfterMs > 0) delay = Math.max(delay, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
  const at = now + Math.round(delay);
  if (validUntil && at > Date.parse(validUntil)) return { retry: false, reason: "EXPIRED" };
  return { retry: true, at: new Date(at) };
}
