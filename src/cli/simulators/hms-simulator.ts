/**
 * A local HMS Push Kit (Huawei, "Push Kit server API: Sending Messages", "Result codes") with its
 * OAuth 2.0 token endpoint: `POST /oauth2/v3/token` (client credentials of registered clients)
 * and `POST /v2/{projectId}/messages:send` (bearer token, `message.token` array, the android
 * block's formats), answering `{code, msg, requestId}` as HMS does, or as scripted per token.
 */
import crypto from "node:crypto";
import http from "node:http";

import { answerControl, CONTROL_PREFIX, listenHttp, OAuthSimulatorState, readBody, type OAuthSimulatorMembers, retryAfterHeader, sendJson, sleep, TOKEN_ENDPOINT_KEY } from "./simulator-support";

export interface HmsSimulatorOptions {
  port?: number;
  host?: string;
  keepPayloads?: boolean;
  /** Accept any client id and secret (demos). */
  acceptAnyClient?: boolean;
  tokenLifetimeSeconds?: number;
}

export interface HmsDelivery {
  token: string;
  projectId: string;
  message: Record<string, unknown>;
  receivedAt: string;
}

export interface HmsSimulator extends OAuthSimulatorMembers<HmsDelivery> {
  url: string;
  tokenUrl: string;
  stop(): Promise<void>;
  /** Registers OAuth client credentials; with projectId, its tokens may send only to that project. */
  trustClient(client: { clientId: string; clientSecret: string; projectId?: string }): void;
}

const RESULTS: Record<string, [number, string]> = {
  "80000000": [200, "Success"],
  "80100000": [200, "Some tokens are right, the others are illegal"],
  "80100001": [400, "Some request parameters are invalid"],
  "80100003": [400, "Incorrect message structure"],
  "80200001": [401, "OAuth authentication error"],
  "80200003": [401, "OAuth token expired"],
  "80300002": [403, "The current app does not have the permission to send messages"],
  "80300007": [200, "All tokens are invalid"],
  "80300008": [413, "The message body size exceeds the default value"],
  "81000001": [500, "System internal error"],
};

/** HMS's checks of the request body; the result code when it is refused. */
function checkBody(parsed: unknown): string | null {
  if (typeof parsed !== "object" || parsed === null) return "80100003";
  const message = (parsed as { message?: unknown }).message as Record<string, unknown> | undefined;
  if (typeof message !== "object" || message === null) return "80100003";
  if (!Array.isArray(message.token) || message.token.length === 0 || message.token.length > 1000 || message.token.some((token) => typeof token !== "string" || token === "")) return "80100001";
  if (message.data !== undefined && typeof message.data !== "string") return "80100003";
  const android = message.android as Record<string, unknown> | undefined;
  if (android !== undefined) {
    if (android.urgency !== undefined && android.urgency !== "HIGH" && android.urgency !== "NORMAL") return "80100001";
    if (android.ttl !== undefined && (typeof android.ttl !== "string" || !/^\d+(\.\d+)?s$/.test(android.ttl))) return "80100001";
    if (android.collapse_key !== undefined && (!Number.isInteger(android.collapse_key) || (android.collapse_key as number) < -1 || (android.collapse_key as number) > 100)) return "80100001";
    const notification = android.notification as Record<string, unknown> | undefined;
    if (notification !== undefined && message.data === undefined && typeof notification.title !== "string" && typeof notification.title_loc_key !== "string") return "80100003";
  }
  if (android?.notification === undefined && message.data === undefined) return "80100003";
  return null;
}

export async function startHmsSimulator(options: HmsSimulatorOptions = {}): Promise<HmsSimulator> {
  const clients = new Map<string, { secret: string; projectId: string | null }>();
  const state = new OAuthSimulatorState<HmsDelivery, { projectId: string | null; expiresAt: number }>(options.keepPayloads ?? true);
  const { book, log, accessTokens } = state;

  async function issueToken(response: http.ServerResponse, body: string): Promise<void> {
    const scripted = book.next(TOKEN_ENDPOINT_KEY);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.drop) return void response.socket?.destroy();
    if (scripted) return sendJson(response, scripted.status ?? 400, { error: Number(scripted.reason ?? 1101), error_description: "scripted" }, retryAfterHeader(scripted));
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "client_credentials") return sendJson(response, 400, { error: 1102, error_description: "unsupported grant_type" });
    const client = clients.get(form.get("client_id") ?? "");
    if (!options.acceptAnyClient && (client === undefined || client.secret !== form.get("client_secret"))) return sendJson(response, 400, { error: 1101, error_description: "invalid client" });
    const accessToken = `CgB6e3x9sim${crypto.randomBytes(24).toString("base64url")}`;
    const lifetime = options.tokenLifetimeSeconds ?? 3600;
    accessTokens.set(accessToken, { projectId: client?.projectId ?? null, expiresAt: Date.now() + lifetime * 1000 });
    state.tokensIssued++;
    sendJson(response, 200, { access_token: accessToken, expires_in: lifetime, token_type: "Bearer" });
  }

  async function send(response: http.ServerResponse, projectId: string, authorization: string | undefined, body: string): Promise<void> {
    state.requests++;
    const requestId = `${Date.now()}${crypto.randomInt(1e9)}`;
    const answer = (code: string, extra: Record<string, string> = {}, msg?: string, status?: number) => {
      if (code !== "80000000") state.refused++;
      const [defaultStatus, defaultMsg] = RESULTS[code] ?? [400, "Error"];
      sendJson(response, status ?? defaultStatus, { code, msg: msg ?? defaultMsg, requestId }, extra);
    };
    const grant = accessTokens.get(authorization?.replace(/^Bearer /, "") ?? "");
    if (grant === undefined || grant.expiresAt <= Date.now()) return answer("80200003");
    if (grant.projectId !== null && grant.projectId !== projectId) return answer("80300002");
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return answer("80100003");
    }
    const problem = checkBody(parsed);
    if (problem) return answer(problem);
    const message = (parsed as { message: Record<string, unknown> }).message;
    const token = (message.token as string[])[0]!;
    const scripted = book.next(token);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.drop) {
      state.refused++;
      return void response.socket?.destroy();
    }
    if (scripted && (scripted.reason !== undefined || (scripted.status ?? 200) !== 200)) {
      const code = scripted.reason ?? (scripted.status === 401 ? "80200003" : "81000001");
      const msg = code === "80100000" ? JSON.stringify({ success: 0, failure: 1, illegal_tokens: [token] }) : undefined;
      return answer(code, retryAfterHeader(scripted), msg, scripted.status);
    }
    const key = crypto.createHash("sha256").update(body).digest("base64");
    log.add(key, token, () => ({ token, projectId, message, receivedAt: new Date().toISOString() }));
    answer("80000000");
  }

  const server = http.createServer((request, response) => {
    void readBody(request, 1024 * 1024).then(async (body) => {
      const url = new URL(request.url ?? "/", "http://simulator");
      if (url.pathname.startsWith(CONTROL_PREFIX)) {
        const { status, json } = await answerControl(request.method ?? "GET", url, body ?? "", controls);
        return sendJson(response, status, json);
      }
      if (body === null) return sendJson(response, 413, { code: "80300008", msg: RESULTS["80300008"]![1] });
      if (request.method === "POST" && url.pathname === "/oauth2/v3/token") return issueToken(response, body);
      const match = /^\/v2\/([^/]+)\/messages:send$/.exec(url.pathname);
      if (request.method === "POST" && match) return send(response, decodeURIComponent(match[1]!), request.headers.authorization, body);
      sendJson(response, 404, { code: "80100001", msg: "Not Found" });
    });
  });
  const listening = await listenHttp(server, options.port ?? 0, options.host ?? "127.0.0.1");

  const simulator: HmsSimulator = {
    url: listening.url,
    tokenUrl: `${listening.url}/oauth2/v3/token`,
    stop: listening.stop,
    trustClient: ({ clientId, clientSecret, projectId }) => void clients.set(clientId, { secret: clientSecret, projectId: projectId ?? null }),
    ...state.members(),
  };
  const controls = state.controls({
    "POST clients": (body) => simulator.trustClient({ clientId: String(body.clientId), clientSecret: String(body.clientSecret), projectId: typeof body.projectId === "string" ? body.projectId : undefined }),
  });
  return simulator;
}
