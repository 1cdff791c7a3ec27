/**
 * The abstract Push Server body as an FCM HTTP v1 `Message` (Firebase, REST reference
 * "projects.messages"; mapping table in reference/powerauth-products.md §2.5): an Android block,
 * an APNs block for iOS devices reached through FCM, and `data` with string values.
 */
import { androidNotificationText, compact, toDataStrings } from "./android-payload";
import { buildAps } from "./apns-payload";
import { MAX_TTL_SECONDS, resolveExpiry } from "./provider-timing";
import type { DeliveryOutcome, PushNotification } from "./provider";

export type FcmMessage = { ok: true; message: Record<string, unknown> } | { ok: false; outcome: DeliveryOutcome };

/**
 * The ttl is the time left until validUntil when that is under FCM's 28-day maximum (as the
 * reference server does); otherwise FCM's default (the maximum) applies. Silent messages carry no
 * notification block: data only on Android, a background push on iOS.
 */
export function buildFcmMessage(notification: PushNotification, now = Date.now()): FcmMessage {
  const { body, silent } = notification;
  const expiry = resolveExpiry(body.validUntil, now);
  if (expiry.kind === "refused") return { ok: false, outcome: expiry.outcome };
  const ttlSeconds = expiry.kind === "until" && expiry.ttlSeconds < MAX_TTL_SECONDS ? expiry.ttlSeconds : null;
  const android = compact({
    priority: notification.priority,
    ttl: ttlSeconds === null ? null : `${ttlSeconds}s`,
    collapse_key: body.collapseKey,
    notification: silent
      ? null
      : compact({
          ...androidNotificationText(body),
          // The reference server sets the notification's priority rather than only the message's.
          notification_priority: notification.priority === "HIGH" ? "PRIORITY_HIGH" : "PRIORITY_DEFAULT",
        }),
  });
  const apnsHeaders = compact({
    "apns-priority": silent || notification.priority === "NORMAL" ? "5" : "10",
    "apns-push-type": silent ? "background" : "alert",
    "apns-expiration": expiry.kind === "until" ? String(expiry.epochSeconds) : null,
    "apns-collapse-id": body.collapseKey,
  });
  const data = toDataStrings(body.extras);
  const message = compact({
    token: notification.token,
    android,
    apns: { headers: apnsHeaders, payload: { aps: buildAps(body, silent) } },
    data: Object.keys(data).length > 0 ? data : null,
  });
  return { ok: true, message };
}
