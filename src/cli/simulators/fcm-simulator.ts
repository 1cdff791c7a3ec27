/**
 * A local FCM HTTP v1 (Firebase REST reference "projects.messages.send", FCM error codes) with its
 * Google OAuth token endpoint: `POST /token` checks the service-account JWT assertion (RS256,
 * registered public key, aud = this endpoint, the firebase.messaging scope, an hour at most) and
 * issues access tokens; `POST /v1/projects/{id}/messages:send` checks the bearer token, the
 * project and the message's shape, and answers as FCM does, or as scripted per device token.
 * FCM has no idempotency key: a second identical message to one token counts as a duplicate.
 */
import crypto from "node:crypto";
import http from "node:http";

import { answerControl, CONTROL_PREFIX, listenHttp, OAuthSimulatorState, readBody, type OAuthSimulatorMembers, retryAfterHeader, sendJson, sleep, TOKEN_ENDPOINT_KEY } from "./simulator-support";
import { decodeJwt, toPublicKey, verifyJwtSignature } from "./simulator-jwt";

export interface FcmSimulatorOptions {
  port?: number;
  host?: string;
  keepPayloads?: boolean;
  /** Accept any well-formed assertion for any project (demos). */
  trustAnyAccount?: boolean;
  /** expires_in of issued access tokens (Google: 3599). */
  tokenLifetimeSeconds?: number;
}

export interface FcmDelivery {
  token: string;
  projectId: string;
  message: Record<string, unknown>;
  receivedAt: string;
}

export interface FcmSimulator extends OAuthSimulatorMembers<FcmDelivery> {
  url: string;
  tokenUrl: string;
  stop(): Promise<void>;
  /** Trusts a service account: its JSON, or its e-mail, project and public key. */
  trustAccount(account: { serviceAccountJson: string } | { clientEmail: string; projectId: string; publicKey: string | crypto.KeyObject }): void;
}

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const STATUS_OF: Record<string, [number, string]> = {
  UNREGISTERED: [404, "NOT_FOUND"],
  INVALID_ARGUMENT: [400, "INVALID_ARGUMENT"],
  SENDER_ID_MISMATCH: [403, "PERMISSION_DENIED"],
  THIRD_PARTY_AUTH_ERROR: [401, "UNAUTHENTICATED"],
  QUOTA_EXCEEDED: [429, "RESOURCE_EXHAUSTED"],
  UNAVAILABLE: [503, "UNAVAILABLE"],
  INTERNAL: [500, "INTERNAL"],
};
const GRPC_OF_STATUS: Record<number, string> = { 400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" };
const MESSAGES: Record<string, string> = {
  UNREGISTERED: "Requested entity was not found.",
  INVALID_ARGUMENT: "The registration token is not a valid FCM registration token",
  SENDER_ID_MISMATCH: "SenderId mismatch",
  THIRD_PARTY_AUTH_ERROR: "Auth error from APNS or Web Push Service",
  QUOTA_EXCEEDED: "Quota exceeded for quota metric 'Send requests'.",
  UNAVAILABLE: "The service is currently unavailable.",
  INTERNAL: "Internal error encountered.",
};

function fcmError(status: number, grpcStatus: string, message: string, errorCode?: string, field?: string) {
  const details: unknown[] = [];
  if (errorCode) details.push({ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode });
  if (field) details.push({ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field, description: message }] });
  return { error: { code: status, message, status: grpcStatus, ...(details.length ? { details } : {}) } };
}

/** The message checks FCM makes before it looks at the token; null when the message is acceptable. */
function checkMessage(message: unknown): { field: string; message: string } | null {
  if (typeof message !== "object" || message === null) return { field: "message", message: "message is required" };
  const m = message as Record<string, unknown>;
  const targets = ["token", "topic", "condition"].filter((name) => m[name] !== undefined);
  if (targets.length !== 1) return { field: "message", message: "Exactly one of token, topic or condition must be set" };
  if (m.token !== undefined && (typeof m.token !== "string" || m.token === "")) return { field: "message.token", message: "The registration token is not a valid FCM registration token" };
  if (m.data !== undefined) {
    if (typeof m.data !== "object" || m.data === null) return { field: "message.data", message: "data must be a map" };
    for (const [key, value] of Object.entries(m.data)) if (typeof value !== "string") return { field: `message.data[${key}]`, message: `Invalid value at 'message.data[${key}]': expected a string` };
  }
  const android = m.android as Record<string, unknown> | undefined;
  if (android !== undefined) {
    if (android.ttl !== undefined && (typeof android.ttl !== "string" || !/^\d+(\.\d{1,9})?s$/.test(android.ttl))) return { field: "message.android.ttl", message: "Invalid value at 'message.android.ttl' (Duration)" };
    if (android.priority !== undefined && android.priority !== "NORMAL" && android.priority !== "HIGH") return { field: "message.android.priority", message: "Invalid value at 'message.android.priority'" };
  }
  return null;
}

export async function startFcmSimulator(options: FcmSimulatorOptions = {}): Promise<FcmSimulator> {
  const accounts = new Map<string, { projectId: string; key: crypto.KeyObject }>();
  const state = new OAuthSimulatorState<FcmDelivery, { clientEmail: string; projectId: string | null; expiresAt: number }>(options.keepPayloads ?? true);
  const { book, log, accessTokens } = state;
  let tokenUrl = "";

  async function issueToken(response: http.ServerResponse, body: string): Promise<void> {
    const scripted = book.next(TOKEN_ENDPOINT_KEY);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.drop) return void response.socket?.destroy();
    if (scripted) return sendJson(response, scripted.status ?? 400, { error: scripted.reason ?? "invalid_grant", error_description: "scripted" }, retryAfterHeader(scripted));
    const form = new URLSearchParams(body);
    const refuse = (description: string) => sendJson(response, 400, { error: "invalid_grant", error_description: description });
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return sendJson(response, 400, { error: "unsupported_grant_type", error_description: "Invalid grant_type" });
    const jwt = decodeJwt(form.get("assertion") ?? "");
    if (jwt === null) return refuse("Invalid JWT: malformed");
    const { iss, aud, scope, iat, exp } = jwt.claims;
    const account = accounts.get(String(iss));
    if (!options.trustAnyAccount && (account === undefined || !verifyJwtSignature(jwt, "RS256", account.key))) return refuse("Invalid JWT Signature.");
    if (aud !== tokenUrl) return refuse(`Invalid JWT: audience must be ${tokenUrl}`);
    if (typeof scope !== "string" || !scope.split(" ").includes(SCOPE)) return refuse("Invalid OAuth scope or ID token audience provided.");
    const nowS = Math.floor(Date.now() / 1000);
    if (typeof iat !== "number" || typeof exp !== "number" || exp <= nowS || iat > nowS + 60 || exp - iat > 3600) return refuse("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
    const accessToken = `ya29.sim-${crypto.randomBytes(24).toString("base64url")}`;
    const lifetime = options.tokenLifetimeSeconds ?? 3599;
    accessTokens.set(accessToken, { clientEmail: String(iss), projectId: account?.projectId ?? null, expiresAt: Date.now() + lifetime * 1000 });
    state.tokensIssued++;
    sendJson(response, 200, { access_token: accessToken, expires_in: lifetime, token_type: "Bearer" });
  }

  async function send(response: http.ServerResponse, projectId: string, authorization: string | undefined, body: string): Promise<void> {
    state.requests++;
    const fail = (status: number, grpc: string, message: string, errorCode?: string, field?: string, headers: Record<string, string> = {}) => {
      state.refused++;
      sendJson(response, status, fcmError(status, grpc, message, errorCode, field), headers);
    };
    const grant = accessTokens.get(authorization?.replace(/^Bearer /, "") ?? "");
    if (grant === undefined || grant.expiresAt <= Date.now()) return fail(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token.");
    if (grant.projectId !== null && grant.projectId !== projectId) return fail(403, "PERMISSION_DENIED", `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${projectId}'`);
    let parsed: { message?: unknown; validate_only?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return fail(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    const problem = checkMessage(parsed.message);
    if (problem) return fail(400, "INVALID_ARGUMENT", problem.message, "INVALID_ARGUMENT", problem.field);
    const message = parsed.message as Record<string, unknown>;
    const token = String(message.token ?? message.topic ?? message.condition);
    const scripted = book.next(token);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.drop) {
      state.refused++;
      return void response.socket?.destroy();
    }
    if (scripted && (scripted.reason !== undefined || (scripted.status ?? 200) !== 200)) {
      const known = scripted.reason === undefined ? undefined : STATUS_OF[scripted.reason];
      const status = scripted.status ?? known?.[0] ?? 400;
      const grpc = known?.[1] ?? GRPC_OF_STATUS[status] ?? "INVALID_ARGUMENT";
      const about = scripted.reason === "INVALID_ARGUMENT" ? "message.token" : undefined;
      return fail(status, grpc, MESSAGES[scripted.reason ?? ""] ?? grpc, known ? scripted.reason : undefined, about, retryAfterHeader(scripted));
    }
    const name = `projects/${projectId}/messages/${crypto.randomUUID()}`;
    const key = crypto.createHash("sha256").update(token).update("\u0000").update(JSON.stringify(message)).digest("base64");
    log.add(key, token, () => ({ token, projectId, message, receivedAt: new Date().toISOString() }));
    sendJson(response, 200, { name });
  }

  const server = http.createServer((request, response) => {
    void readBody(request, 1024 * 1024).then(async (body) => {
      const url = new URL(request.url ?? "/", "http://simulator");
      if (url.pathname.startsWith(CONTROL_PREFIX)) {
        const { status, json } = await answerControl(request.method ?? "GET", url, body ?? "", controls);
        return sendJson(response, status, json);
      }
      if (body === null) return sendJson(response, 413, fcmError(413, "INVALID_ARGUMENT", "Request payload size exceeds the limit"));
      if (request.method === "POST" && url.pathname === "/token") return issueToken(response, body);
      const send_ = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(url.pathname);
      if (request.method === "POST" && send_) return send(response, decodeURIComponent(send_[1]!), request.headers.authorization, body);
      sendJson(response, 404, fcmError(404, "NOT_FOUND", "Not Found"));
    });
  });
  const listening = await listenHttp(server, options.port ?? 0, options.host ?? "127.0.0.1");
  tokenUrl = `${listening.url}/token`;

  const simulator: FcmSimulator = {
    url: listening.url,
    tokenUrl,
    stop: listening.stop,
    trustAccount(account) {
      if ("serviceAccountJson" in account) {
        const json = JSON.parse(account.serviceAccountJson) as { client_email: string; project_id: string; private_key: string };
        accounts.set(json.client_email, { projectId: json.project_id, key: toPublicKey(json.private_key) });
      } else {
        accounts.set(account.clientEmail, { projectId: account.projectId, key: toPublicKey(account.publicKey) });
      }
    },
    ...state.members(),
  };
  const controls = state.controls({
    "POST accounts": (body) =>
      simulator.trustAccount(typeof body.serviceAccountJson === "string" ? { serviceAccountJson: body.serviceAccountJson } : { clientEmail: String(body.clientEmail), projectId: String(body.projectId), publicKey: String(body.publicKeyPem) }),
  });
  return simulator;
}
