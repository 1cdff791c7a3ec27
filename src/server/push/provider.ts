/**
 * The one interface behind which the three push providers live (ARCHITECTURE.md "server/push").
 * The delivery pipeline (src/server/services/push/deliveries) only sees these types: a provider
 * client takes one notification for one token and answers with an outcome class, never throws
 * for a provider's answer, and keeps its own connection and authorisation state (APNs HTTP/2
 * session and ES256 provider token; FCM and HMS OAuth access tokens).
 *
 * The abstract body is Push Server's (push-server-api.txt "Send Message" body; payload mapping in
 * reference/powerauth-products.md §2.5); each client maps it to its provider's format.
 */
import type { ApnsSettings, FcmSettings, HmsSettings } from "./credential-validation";

/** Push Server's abstract message body. */
export interface PushBody {
  title?: string | null;
  titleLocKey?: string | null;
  titleLocArgs?: string[] | null;
  body?: string | null;
  bodyLocKey?: string | null;
  bodyLocArgs?: string[] | null;
  badge?: number | null;
  sound?: string | null;
  icon?: string | null;
  category?: string | null;
  collapseKey?: string | null;
  /** ISO-8601; becomes the provider's expiry (APNs `apns-expiration`, FCM/HMS `ttl`). */
  validUntil?: string | null;
  extras?: Record<string, unknown> | null;
}

export type PushPriority = "HIGH" | "NORMAL";

export interface PushNotification {
  /** The device's token as the provider issued it. */
  token: string;
  /** APNs only: which host (development = sandbox). */
  environment: "development" | "production";
  priority: PushPriority;
  /** content-available / data only: no system UI. */
  silent: boolean;
  body: PushBody;
  /**
   * A UUID that is the same on every attempt of one delivery: APNs `apns-id`, and the idempotency
   * key the simulators use to tell a repeated attempt from a second message.
   */
  deliveryId: string;
}

/**
 * What a provider's answer means for the pipeline:
 * - SENT: accepted by the provider.
 * - TOKEN_INVALID: the token is dead (APNs 410, 400 BadDeviceToken / DeviceTokenNotForTopic;
 *   FCM UNREGISTERED, INVALID_ARGUMENT about the token; HMS invalid token): retire the device.
 * - TRANSIENT: try again later (429, 5xx, connection lost, timeout); `retryAfterMs` from
 *   `Retry-After` when the provider sent one.
 * - CREDENTIAL: our own credential was refused (APNs 403 InvalidProviderToken /
 *   ExpiredProviderToken, FCM 401/403, HMS auth errors, OAuth token endpoint refusing us): mark the
 *   credential failing, never touch the device; retried later (the credential may be fixed).
 * - REJECTED: this message can never be delivered as it is (payload too large, bad topic,
 *   malformed request): no retry, the device stays.
 */
export type DeliveryOutcomeKind = "SENT" | "TOKEN_INVALID" | "TRANSIENT" | "CREDENTIAL" | "REJECTED";

export interface DeliveryOutcome {
  kind: DeliveryOutcomeKind;
  /** The provider's HTTP status, or null when no answer came (connection lost, timeout). */
  providerStatus: number | null;
  /** The provider's reason (APNs `reason`, FCM `error.status`/errorCode, HMS `code` + `msg`), or our description of a network failure. */
  reason: string | null;
  /** The provider's id of the accepted message (APNs `apns-unique-id`/`apns-id`, FCM message `name`, HMS `requestId`). */
  providerMessageId?: string | null;
  retryAfterMs?: number | null;
}

export interface PushProviderClient {
  send(notification: PushNotification): Promise<DeliveryOutcome>;
  /** Ends connections; in-flight sends finish first (bounded by the client's timeout). */
  close(): Promise<void>;
}

/** Where each provider is reached. Defaults are the real hosts; tests and benchmarks point them at the simulators. */
export interface PushEndpoints {
  apnsProductionUrl: string;
  apnsDevelopmentUrl: string;
  fcmUrl: string;
  fcmTokenUrl: string;
  hmsUrl: string;
  hmsTokenUrl: string;
}

export const DEFAULT_PUSH_ENDPOINTS: PushEndpoints = {
  apnsProductionUrl: "https://api.push.apple.com",
  apnsDevelopmentUrl: "https://api.sandbox.push.apple.com",
  fcmUrl: "https://fcm.googleapis.com",
  fcmTokenUrl: "https://oauth2.googleapis.com/token",
  hmsUrl: "https://push-api.cloud.huawei.com",
  hmsTokenUrl: "https://oauth-login.cloud.huawei.com/oauth2/v3/token",
};

/** A credential as the pipeline hands it to a client factory: public settings and the unsealed secret. */
export type ProviderCredential =
  | { provider: "APNS"; settings: ApnsSettings; secret: string }
  | { provider: "FCM"; settings: FcmSettings; secret: string }
  | { provider: "HMS"; settings: HmsSettings; secret: string };
