/**
 * The abstract Push Server body as an HMS Push Kit message (Huawei, "Push Kit server API:
 * Sending Messages", `message.android`; mapping table in reference/powerauth-products.md §2.5).
 */
import { androidNotificationText, compact, toDataStrings } from "./android-payload";
import { MAX_TTL_SECONDS, resolveExpiry } from "./provider-timing";
import type { DeliveryOutcome, PushNotification } from "./provider";

export type HmsRequestBody = { ok: true; body: Record<string, unknown> } | { ok: false; outcome: DeliveryOutcome };

/**
 * HMS's collapse_key is an integer from -1 to 100. The reference server parses the collapse key
 * as an integer and fails on anything else (§2.5); we pass it only when it is such an integer and
 * otherwise send the message without one (the APNs and FCM mappings still get the string).
 */
export function toHmsCollapseKey(collapseKey: string | null | undefined): number | null {
  if (collapseKey === null || collapseKey === undefined || !/^-?\d{1,3}$/.test(collapseKey)) return null;
  const value = Number(collapseKey);
  return value >= -1 && value <= 100 ? value : null;
}

/**
 * Silent = a data message (no notification block). `data` is one JSON string holding the extras
 * (as the reference server sends them); a data message without extras gets "{}", since HMS needs
 * either a notification or data. `android.category` (Huawei's message self-classification, e.g.
 * IM, VOIP) has no field in the abstract body and is not sent.
 */
export function buildHmsRequestBody(notification: PushNotification, now = Date.now()): HmsRequestBody {
  const { body, silent } = notification;
  const expiry = resolveExpiry(body.validUntil, now);
  if (expiry.kind === "refused") return { ok: false, outcome: expiry.outcome };
  const ttlSeconds = expiry.kind === "until" && expiry.ttlSeconds < MAX_TTL_SECONDS ? expiry.ttlSeconds : null;
  const extras = toDataStrings(body.extras);
  const android = compact({
    urgency: notification.priority,
    ttl: ttlSeconds === null ? null : `${ttlSeconds}s`,
    collapse_key: toHmsCollapseKey(body.collapseKey),
    notification: silent
      ? null
      : compact({
          ...androidNotificationText(body),
          importance: notification.priority,
          // Type 1: open the app when the notification is tapped (as the reference server does).
          click_action: { type: 1 },
        }),
  });
  const hasExtras = Object.keys(extras).length > 0;
  const message = compact({ token: [notification.token], android, data: hasExtras || silent ? JSON.stringify(extras) : null });
  return { ok: true, body: { validate_only: false, message } };
}
