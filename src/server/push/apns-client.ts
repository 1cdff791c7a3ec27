/**
 * APNs provider client (Apple, "Establishing a token-based connection to APNs" and "Handling
 * notification responses from APNs"): one HTTP/2 connection per host (development = sandbox,
 * production), an ES256 provider token reused for 50 minutes (Apple refuses one older than an
 * hour and answers TooManyProviderTokenUpdates to refreshes more often than every 20 minutes), and
 * Apple's answers mapped to the pipeline's outcome classes (provider.ts).
 */
import crypto from "node:crypto";
import http2 from "node:http2";

import { ApnsConnection, type ApnsResponse } from "./apns-connection";
import { buildApnsRequest } from "./apns-payload";
import { signJwt } from "./credential-validation";
import { parseRetryAfter } from "./provider-timing";
import type { DeliveryOutcome, ProviderCredential, PushEndpoints, PushNotification, PushProviderClient } from "./provider";

export type ApnsCredential = Extract<ProviderCredential, { provider: "APNS" }>;

export interface ApnsClientOptions {
  /** Per request, including the wait for a free stream (default 10 s). */
  requestTimeoutMs?: number;
  /** How long one provider token is used (default 50 minutes). */
  providerTokenTtlMs?: number;
  now?: () => number;
}

export interface ApnsClient extends PushProviderClient {
  /** HTTP/2 sessions opened so far, both hosts together (tests, diagnostics). */
  readonly sessionsOpened: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_TOKEN_TTL_MS = 50 * 60 * 1000;
/** APNs device tokens are hex (32 bytes today; Apple warns they may grow). */
const DEVICE_TOKEN_PATTERN = /^[0-9a-fA-F]{16,400}$/;

/** Apple's reasons that say the token is dead for this app. */
const TOKEN_REASONS = new Set(["BadDeviceToken", "DeviceTokenNotForTopic", "Unregistered", "ExpiredToken"]);
/**
 * The topic comes from our credential's bundle ID: if Apple refuses it, every message of this
 * credential fails the same way, so it is our configuration (CREDENTIAL), not the message's. The
 * reference server deletes the device on TopicDisallowed (§2.6); we never retire a device for it.
 */
const CONFIGURATION_REASONS = new Set(["BadTopic", "TopicDisallowed", "MissingTopic", "BadCertificate", "BadCertificateEnvironment"]);

export function classifyApnsResponse(response: ApnsResponse, now = Date.now()): DeliveryOutcome {
  const { status } = response;
  let reason: string | null = null;
  try {
    const parsed: unknown = response.body === "" ? null : JSON.parse(response.body);
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as { reason?: unknown }).reason === "string") reason = (parsed as { reason: string }).reason;
  } catch {
    reason = null;
  }
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === "string" ? value : null;
  };
  if (status === 200) return { kind: "SENT", providerStatus: 200, reason: null, providerMessageId: header("apns-unique-id") ?? header("apns-id") };
  if (status === 410 || (reason !== null && TOKEN_REASONS.has(reason))) return { kind: "TOKEN_INVALID", providerStatus: status, reason: reason ?? "Unregistered" };
  if (status === 403 || (reason !== null && CONFIGURATION_REASONS.has(reason))) return { kind: "CREDENTIAL", providerStatus: status, reason };
  if (status === 429 || status >= 500) return { kind: "TRANSIENT", providerStatus: status, reason, retryAfterMs: parseRetryAfter(header("retry-after"), now) };
  return { kind: "REJECTED", providerStatus: status, reason };
}

class ProviderToken {
  private current: { jwt: string; issuedAt: number } | null = null;
  private readonly key: crypto.KeyObject;

  constructor(
    private readonly credential: ApnsCredential,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {
    this.key = crypto.createPrivateKey(credential.secret);
  }

  get(): string {
    const now = this.now();
    if (this.current === null || now - this.current.issuedAt >= this.ttlMs) {
      const { keyId, teamId } = this.credential.settings;
      this.current = { jwt: signJwt(this.key, "ES256", { kid: keyId }, { iss: teamId, iat: Math.floor(now / 1000) }), issuedAt: now };
    }
    return this.current.jwt;
  }

  /** After Apple called `jwt` expired: sign a new one, unless a concurrent send already did. */
  refresh(jwt: string): void {
    if (this.current?.jwt === jwt) this.current = null;
  }
}

export function createApnsClient(credential: ApnsCredential, endpoints: Pick<PushEndpoints, "apnsDevelopmentUrl" | "apnsProductionUrl">, options: ApnsClientOptions = {}): ApnsClient {
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const token = new ProviderToken(credential, options.providerTokenTtlMs ?? DEFAULT_TOKEN_TTL_MS, now);
  const connections = {
    development: new ApnsConnection(endpoints.apnsDevelopmentUrl),
    production: new ApnsConnection(endpoints.apnsProductionUrl),
  };
  let closed = false;

  async function attempt(notification: PushNotification, headers: Record<string, string>, payload: string): Promise<{ outcome: DeliveryOutcome; jwt: string }> {
    const jwt = token.get();
    const exchange = await connections[notification.environment].request(
      { [http2.constants.HTTP2_HEADER_METHOD]: "POST", [http2.constants.HTTP2_HEADER_PATH]: `/3/device/${notification.token}`, authorization: `bearer ${jwt}`, ...headers },
      payload,
      timeoutMs,
    );
    if (!exchange.ok) return { outcome: { kind: "TRANSIENT", providerStatus: null, reason: exchange.reason }, jwt };
    return { outcome: classifyApnsResponse(exchange.response, now()), jwt };
  }

  return {
    get sessionsOpened() {
      return connections.development.sessionsOpened + connections.production.sessionsOpened;
    },
    async send(notification) {
      if (closed) return { kind: "TRANSIENT", providerStatus: null, reason: "Client closed" };
      if (!DEVICE_TOKEN_PATTERN.test(notification.token)) return { kind: "TOKEN_INVALID", providerStatus: null, reason: "BadDeviceToken: not a hex APNs device token" };
      const request = buildApnsRequest(notification, credential.settings.topic, now());
      if (!request.ok) return request.outcome;
      const first = await attempt(notification, request.headers, request.payload);
      if (first.outcome.reason !== "ExpiredProviderToken") return first.outcome;
      // Our clock and Apple's disagree, or the token outlived Apple's hour: one fresh token, once.
      token.refresh(first.jwt);
      return (await attempt(notification, request.headers, request.payload)).outcome;
    },
    async close() {
      closed = true;
      await Promise.all([connections.development.close(), connections.production.close()]);
    },
  };
}
