/**
 * The abstract Push Server body as an APNs request: headers and JSON payload (Apple, "Sending
 * notification requests to APNs" and "Generating a remote notification"; mapping table in
 * reference/powerauth-products.md §2.5). Also used for the `apns` block of FCM messages.
 */
import { resolveExpiry } from "./provider-timing";
import type { DeliveryOutcome, PushBody, PushNotification } from "./provider";

/** Apple's limit for a regular (non-VoIP) notification payload. */
export const APNS_MAX_PAYLOAD_BYTES = 4096;
const MAX_COLLAPSE_ID_BYTES = 64;

export type ApnsRequest = { ok: true; headers: Record<string, string>; payload: string } | { ok: false; outcome: DeliveryOutcome };

const rejected = (reason: string): { ok: false; outcome: DeliveryOutcome } => ({ ok: false, outcome: { kind: "REJECTED", providerStatus: null, reason } });

function setIfPresent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value;
}

/** The `aps` dictionary. Silent = background push: only content-available (Apple: no alert, sound or badge). */
export function buildAps(body: PushBody, silent: boolean): Record<string, unknown> {
  if (silent) return { "content-available": 1 };
  const alert: Record<string, unknown> = {};
  setIfPresent(alert, "title", body.title);
  setIfPresent(alert, "body", body.body);
  setIfPresent(alert, "title-loc-key", body.titleLocKey);
  setIfPresent(alert, "title-loc-args", body.titleLocArgs);
  setIfPresent(alert, "loc-key", body.bodyLocKey);
  setIfPresent(alert, "loc-args", body.bodyLocArgs);
  const aps: Record<string, unknown> = {};
  if (Object.keys(alert).length > 0) aps.alert = alert;
  setIfPresent(aps, "badge", body.badge);
  setIfPresent(aps, "sound", body.sound);
  setIfPresent(aps, "category", body.category);
  // Wultra puts the collapse key into thread-id too (grouping in Notification Center).
  setIfPresent(aps, "thread-id", body.collapseKey);
  return aps;
}

/** Extras become custom top-level keys; null values are dropped as Push Server does (§2.5). */
function buildPayload(body: PushBody, silent: boolean): Record<string, unknown> | string {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body.extras ?? {})) {
    if (key === "aps") return "extras must not contain the key aps (Apple's reserved dictionary)";
    if (value !== null && value !== undefined) payload[key] = value;
  }
  payload.aps = buildAps(body, silent);
  return payload;
}

/**
 * Headers Apple defines, without `authorization`. Priority: 10 sends at once, 5 saves power; Apple
 * requires 5 for background pushes, so a silent HIGH message still goes with 5.
 * `apns-expiration` is sent only for a validUntil: without the header APNs stores the
 * notification and retries per its own policy, which is what an approval to a phone that is offline
 * for a moment needs; "0" would mean "deliver now or never".
 */
export function buildApnsHeaders(notification: PushNotification, topic: string, now = Date.now()): { ok: true; headers: Record<string, string> } | { ok: false; outcome: DeliveryOutcome } {
  const headers: Record<string, string> = {
    "apns-topic": topic,
    "apns-push-type": notification.silent ? "background" : "alert",
    "apns-priority": notification.silent || notification.priority === "NORMAL" ? "5" : "10",
    "apns-id": notification.deliveryId,
  };
  const expiry = resolveExpiry(notification.body.validUntil, now);
  if (expiry.kind === "refused") return { ok: false, outcome: expiry.outcome };
  if (expiry.kind === "until") headers["apns-expiration"] = String(expiry.epochSeconds);
  const collapseKey = notification.body.collapseKey;
  if (collapseKey !== null && collapseKey !== undefined && collapseKey !== "") {
    if (Buffer.byteLength(collapseKey) > MAX_COLLAPSE_ID_BYTES) return rejected("BadCollapseId: collapseKey is longer than 64 bytes");
    headers["apns-collapse-id"] = collapseKey;
  }
  return { ok: true, headers };
}

export function buildApnsRequest(notification: PushNotification, topic: string, now = Date.now()): ApnsRequest {
  const headers = buildApnsHeaders(notification, topic, now);
  if (!headers.ok) return headers;
  const payload = buildPayload(notification.body, notification.silent);
  if (typeof payload === "string") return rejected(payload);
  const json = JSON.stringify(payload);
  if (Buffer.byteLength(json) > APNS_MAX_PAYLOAD_BYTES) return rejected(`PayloadTooLarge: ${Buffer.byteLength(json)} bytes, Apple accepts ${APNS_MAX_PAYLOAD_BYTES}`);
  return { ok: true, headers: headers.headers, payload: json };
}
