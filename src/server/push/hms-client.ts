/**
 * HMS Push Kit provider client (Huawei, "Push Kit server API", "OAuth 2.0 client credentials"):
 * an access token from the client-credentials grant at the configured token URL, cached like FCM's,
 * then `POST /v2/{projectId}/messages:send`. HMS answers with a result code in the body
 * (80000000 = success) more often than with an HTTP status.
 */
import { buildHmsRequestBody } from "./hms-payload";
import { AccessTokenCache, postProvider, requestAccessToken } from "./provider-http";
import { parseRetryAfter } from "./provider-timing";
import type { DeliveryOutcome, ProviderCredential, PushEndpoints, PushProviderClient } from "./provider";

export type HmsCredential = Extract<ProviderCredential, { provider: "HMS" }>;

export interface HmsClientOptions {
  requestTimeoutMs?: number;
  now?: () => number;
}

export interface HmsClient extends PushProviderClient {
  readonly tokenRequests: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** OAuth authentication failed / the access token expired: fetch a new token once. */
const AUTH_CODES = new Set(["80200001", "80200003"]);
/** The app may not send (Push Kit not enabled, wrong project): our configuration. */
const CONFIGURATION_CODES = new Set(["80300002", "80600003"]);

function illegalTokens(msg: unknown): string[] {
  if (typeof msg !== "string") return [];
  try {
    const parsed = JSON.parse(msg) as { illegal_tokens?: unknown };
    return Array.isArray(parsed.illegal_tokens) ? parsed.illegal_tokens.filter((token): token is string => typeof token === "string") : [];
  } catch {
    return [];
  }
}

export function classifyHmsResponse(status: number, json: unknown, token: string, retryAfter: string | null, now = Date.now()): DeliveryOutcome {
  const body = (typeof json === "object" && json !== null ? json : {}) as { code?: unknown; msg?: unknown; requestId?: unknown };
  const code = typeof body.code === "string" || typeof body.code === "number" ? String(body.code) : null;
  const msg = typeof body.msg === "string" ? body.msg : null;
  const reason = code === null ? `HTTP ${status}` : msg === null ? code : `${code}: ${msg}`;
  const requestId = typeof body.requestId === "string" ? body.requestId : null;
  if (status === 429 || status >= 500 || code === "81000001") return { kind: "TRANSIENT", providerStatus: status, reason, retryAfterMs: parseRetryAfter(retryAfter, now) };
  if (status === 401 || (code !== null && (AUTH_CODES.has(code) || CONFIGURATION_CODES.has(code)))) return { kind: "CREDENTIAL", providerStatus: status, reason };
  if (code === "80300007") return { kind: "TOKEN_INVALID", providerStatus: status, reason };
  // Partial success of a one-token send: the token is either the failed one or it was sent.
  if (code === "80100000") return illegalTokens(msg).includes(token) ? { kind: "TOKEN_INVALID", providerStatus: status, reason } : { kind: "SENT", providerStatus: status, reason: null, providerMessageId: requestId };
  if (status === 200 && code === "80000000") return { kind: "SENT", providerStatus: 200, reason: null, providerMessageId: requestId };
  return { kind: "REJECTED", providerStatus: status, reason };
}

export function createHmsClient(credential: HmsCredential, endpoints: Pick<PushEndpoints, "hmsUrl" | "hmsTokenUrl">, options: HmsClientOptions = {}): HmsClient {
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sendUrl = `${endpoints.hmsUrl.replace(/\/+$/, "")}/v2/${encodeURIComponent(credential.settings.projectId)}/messages:send`;
  const tokens = new AccessTokenCache(() => requestAccessToken(endpoints.hmsTokenUrl, { grant_type: "client_credentials", client_id: credential.settings.clientId, client_secret: credential.secret }, timeoutMs), now);
  let closed = false;

  async function attempt(token: string, body: string): Promise<{ outcome: DeliveryOutcome; accessToken: string | null; authRefused: boolean }> {
    const access = await tokens.get();
    if (!access.ok) return { outcome: access.outcome, accessToken: null, authRefused: false };
    const answer = await postProvider(sendUrl, { headers: { authorization: `Bearer ${access.accessToken}`, "content-type": "application/json; charset=UTF-8" }, body }, timeoutMs);
    if (!answer.ok) return { outcome: answer.outcome, accessToken: access.accessToken, authRefused: false };
    const code = (answer.json as { code?: unknown } | null)?.code;
    const authRefused = answer.status === 401 || AUTH_CODES.has(String(code));
    return { outcome: classifyHmsResponse(answer.status, answer.json, token, answer.headers.get("retry-after"), now()), accessToken: access.accessToken, authRefused };
  }

  return {
    get tokenRequests() {
      return tokens.requests;
    },
    async send(notification) {
      if (closed) return { kind: "TRANSIENT", providerStatus: null, reason: "Client closed" };
      const built = buildHmsRequestBody(notification, now());
      if (!built.ok) return built.outcome;
      const body = JSON.stringify(built.body);
      const first = await attempt(notification.token, body);
      if (!first.authRefused || first.accessToken === null) return first.outcome;
      tokens.invalidate(first.accessToken);
      return (await attempt(notification.token, body)).outcome;
    },
    async close() {
      closed = true;
    },
  };
}
