/**
 * FCM HTTP v1 provider client (Firebase, "Migrate from legacy FCM APIs to HTTP v1", "Authorize send
 * requests", FCM error codes): a service-account JWT assertion (RS256) exchanged for an OAuth access
 * token at the configured token URL, cached, then `POST /v1/projects/{id}/messages:send`.
 *
 * The assertion goes to endpoints.fcmTokenUrl, never to the JSON's own `token_uri`: that field is
 * whatever an administrator uploaded, and posting a signed assertion to it would be an SSRF.
 */
import crypto from "node:crypto";

import { signJwt } from "./credential-validation";
import { buildFcmMessage } from "./fcm-payload";
import { AccessTokenCache, postProvider, requestAccessToken } from "./provider-http";
import { parseRetryAfter } from "./provider-timing";
import type { DeliveryOutcome, ProviderCredential, PushEndpoints, PushProviderClient } from "./provider";

export type FcmCredential = Extract<ProviderCredential, { provider: "FCM" }>;

export interface FcmClientOptions {
  requestTimeoutMs?: number;
  now?: () => number;
}

export interface FcmClient extends PushProviderClient {
  /** OAuth token requests made so far (tests, diagnostics). */
  readonly tokenRequests: number;
}

export const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const DEFAULT_TIMEOUT_MS = 10_000;

interface FcmErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ "@type"?: string; errorCode?: string; fieldViolations?: Array<{ field?: string; description?: string }> }>;
}

/**
 * FCM's answer as an outcome. Decisions beyond the error table:
 * - INVALID_ARGUMENT retires the device only when it is about the token (a field violation on
 *   `message.token`, or a message naming the registration token); any other invalid argument is
 *   our payload (e.g. a reserved data key) and REJECTED. The reference server deletes the device
 *   for every INVALID_ARGUMENT (§2.6), which loses good devices to one bad message.
 * - SENDER_ID_MISMATCH (token of another Firebase project) is CREDENTIAL, not TOKEN_INVALID: when
 *   an administrator uploads the service account of the wrong project, every token answers it,
 *   and retiring on it would delete every device of the application; marking the credential
 *   failing is the recoverable side of the mistake.
 * - A 404 without the UNREGISTERED error code (a wrong project or URL) is REJECTED, for the same
 *   reason: only FCM's explicit code retires a device.
 */
export function classifyFcmResponse(status: number, json: unknown, retryAfter: string | null, now = Date.now()): DeliveryOutcome {
  if (status === 200) {
    const name = typeof json === "object" && json !== null ? (json as { name?: unknown }).name : undefined;
    return { kind: "SENT", providerStatus: 200, reason: null, providerMessageId: typeof name === "string" ? name : null };
  }
  const error: FcmErrorBody = (typeof json === "object" && json !== null ? (json as { error?: FcmErrorBody }).error : undefined) ?? {};
  const details = Array.isArray(error.details) ? error.details : [];
  const errorCode = details.find((detail) => detail["@type"]?.endsWith("google.firebase.fcm.v1.FcmError"))?.errorCode;
  const violations = details.flatMap((detail) => detail.fieldViolations ?? []);
  const code = errorCode ?? error.status ?? `HTTP ${status}`;
  const reason = error.message ? `${code}: ${error.message}` : code;
  if (errorCode === "UNREGISTERED") return { kind: "TOKEN_INVALID", providerStatus: status, reason };
  if (status === 400 && (errorCode ?? error.status) === "INVALID_ARGUMENT") {
    const aboutToken = violations.some((violation) => violation.field === "message.token") || /registration token/i.test(error.message ?? "");
    return { kind: aboutToken ? "TOKEN_INVALID" : "REJECTED", providerStatus: status, reason };
  }
  if (status === 401 || status === 403 || errorCode === "SENDER_ID_MISMATCH" || errorCode === "THIRD_PARTY_AUTH_ERROR") return { kind: "CREDENTIAL", providerStatus: status, reason };
  if (status === 429 || status >= 500) return { kind: "TRANSIENT", providerStatus: status, reason, retryAfterMs: parseRetryAfter(retryAfter, now) };
  return { kind: "REJECTED", providerStatus: status, reason };
}

export function createFcmClient(credential: FcmCredential, endpoints: Pick<PushEndpoints, "fcmUrl" | "fcmTokenUrl">, options: FcmClientOptions = {}): FcmClient {
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const account = JSON.parse(credential.secret) as { private_key: string; client_email: string };
  const key = crypto.createPrivateKey(account.private_key);
  const sendUrl = `${endpoints.fcmUrl.replace(/\/+$/, "")}/v1/projects/${encodeURIComponent(credential.settings.projectId)}/messages:send`;
  const tokens = new AccessTokenCache(() => {
    const iat = Math.floor(now() / 1000);
    const assertion = signJwt(key, "RS256", {}, { iss: account.client_email, scope: FCM_SCOPE, aud: endpoints.fcmTokenUrl, iat, exp: iat + 3600 });
    return requestAccessToken(endpoints.fcmTokenUrl, { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }, timeoutMs);
  }, now);
  let closed = false;

  async function attempt(body: string): Promise<{ outcome: DeliveryOutcome; accessToken: string | null }> {
    const token = await tokens.get();
    if (!token.ok) return { outcome: token.outcome, accessToken: null };
    const answer = await postProvider(sendUrl, { headers: { authorization: `Bearer ${token.accessToken}`, "content-type": "application/json; charset=UTF-8" }, body }, timeoutMs);
    if (!answer.ok) return { outcome: answer.outcome, accessToken: token.accessToken };
    return { outcome: classifyFcmResponse(answer.status, answer.json, answer.headers.get("retry-after"), now()), accessToken: token.accessToken };
  }

  return {
    get tokenRequests() {
      return tokens.requests;
    },
    async send(notification) {
      if (closed) return { kind: "TRANSIENT", providerStatus: null, reason: "Client closed" };
      const built = buildFcmMessage(notification, now());
      if (!built.ok) return built.outcome;
      const body = JSON.stringify({ message: built.message });
      const first = await attempt(body);
      // FCM refused the access token itself (revoked, expired early): one new token, once. A 401
      // with an error code (THIRD_PARTY_AUTH_ERROR: the project's APNs key) is not about it.
      if (first.outcome.providerStatus !== 401 || first.accessToken === null || !first.outcome.reason?.startsWith("UNAUTHENTICATED")) return first.outcome;
      tokens.invalidate(first.accessToken);
      return (await attempt(body)).outcome;
    },
    async close() {
      // fetch keeps no per-client connection state; in-flight sends end by their own timeout.
      closed = true;
    },
  };
}
