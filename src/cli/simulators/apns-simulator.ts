/**
 * A local APNs (Apple, "Sending notification requests to APNs", "Handling notification responses
 * from APNs"): HTTP/2 without TLS (h2c, prior knowledge) that checks the provider token and the
 * headers as Apple does and answers with Apple's statuses and reasons, or with scripted answers per
 * device token. The same port also speaks HTTP/1.1 for the `/__simulator/...` control surface, so a
 * test in another process can drive it with fetch (the first bytes of a connection tell which).
 *
 * Deliveries are idempotent by `apns-id`, the property the delivery pipeline relies on when it
 * retries an attempt whose answer was lost.
 */
import crypto from "node:crypto";
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";

import { answerControl, CONTROL_PREFIX, DeliveryLog, formatUrl, readBody, retryAfterHeader, ScriptBook, scriptHandler, sleep, type ControlHandler, type ScriptedAnswer } from "./simulator-support";
import { decodeJwt, toPublicKey, verifyJwtSignature } from "./simulator-jwt";

export interface ApnsSimulatorOptions {
  port?: number;
  host?: string;
  /** Keep each delivery's headers and payload (default true); false keeps only counts, for benchmarks. */
  keepPayloads?: boolean;
  /** Accept any well-formed ES256 provider token without checking its signature (demos). */
  trustAnyKey?: boolean;
  /** SETTINGS_MAX_CONCURRENT_STREAMS advertised to clients (Apple's is 1000 today). */
  maxConcurrentStreams?: number;
}

export interface ApnsDelivery {
  token: string;
  apnsId: string;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
  receivedAt: string;
}

export interface ApnsSimulator {
  url: string;
  stop(): Promise<void>;
  trustKey(key: { teamId: string; keyId: string; publicKey?: string | crypto.KeyObject; privateKeyPem?: string }): void;
  script(token: string, answers: ScriptedAnswer[]): void;
  setDefault(answer: ScriptedAnswer | null): void;
  deliveries(): readonly ApnsDelivery[];
  countFor(token: string): number;
  stats(): { requests: number; delivered: number; duplicates: number; refused: number; sessionsOpened: number; openSessions: number; maxInFlight: number; providerTokens: number };
  /** Sends GOAWAY on every open session (as Apple does before maintenance). */
  goAway(): void;
  reset(): void;
}

const PUSH_TYPES = new Set(["alert", "background", "location", "voip", "complication", "fileprovider", "mdm", "liveactivity", "pushtotalk", "widgets"]);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PATH = /^\/3\/device\/([0-9a-fA-F]{16,400})$/;
const TOKEN_MAX_AGE_S = 3600;
const H2_PREFACE = "PRI * HTTP/2.0";

/** Apple's statuses for the reasons a script may name without a status. */
const STATUS_OF: Record<string, number> = { Unregistered: 410, ExpiredToken: 410, InvalidProviderToken: 403, ExpiredProviderToken: 403, MissingProviderToken: 403, TooManyRequests: 429, InternalServerError: 500, ServiceUnavailable: 503 };
const REASON_OF: Record<number, string> = { 410: "Unregistered", 403: "InvalidProviderToken", 429: "TooManyRequests", 500: "InternalServerError", 503: "ServiceUnavailable", 400: "BadDeviceToken" };

export async function startApnsSimulator(options: ApnsSimulatorOptions = {}): Promise<ApnsSimulator> {
  const keys = new Map<string, { teamId: string; key: crypto.KeyObject }>();
  // A provider token is verified once (Apple, too, caches it for the connection): ECDSA per request would cap the rate.
  const verified = new Map<string, { iat: number }>();
  const book = new ScriptBook();
  const log = new DeliveryLog<ApnsDelivery>(options.keepPayloads ?? true);
  const sessions = new Set<http2.ServerHttp2Session>();
  let requests = 0;
  let refused = 0;
  let sessionsOpened = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let providerTokens = 0;

  function checkProviderToken(authorization: string | undefined, nowS: number): string | null {
    if (authorization === undefined || !authorization.toLowerCase().startsWith("bearer ")) return "MissingProviderToken";
    const jwt = authorization.slice(7);
    let entry = verified.get(jwt);
    if (entry === undefined) {
      const decoded = decodeJwt(jwt);
      if (decoded === null || decoded.header.alg !== "ES256" || typeof decoded.claims.iat !== "number") return "InvalidProviderToken";
      const trusted = keys.get(String(decoded.header.kid));
      if (!options.trustAnyKey && (trusted === undefined || trusted.teamId !== decoded.claims.iss || !verifyJwtSignature(decoded, "ES256", trusted.key))) return "InvalidProviderToken";
      entry = { iat: decoded.claims.iat };
      if (verified.size > 10_000) verified.clear();
      verified.set(jwt, entry);
      providerTokens++;
    }
    return nowS - entry.iat > TOKEN_MAX_AGE_S ? "ExpiredProviderToken" : null;
  }

  /** Apple's checks, in the order Apple documents them; null when the request is acceptable. */
  function validate(headers: http2.IncomingHttpHeaders, body: string): { status: number; reason: string } | null {
    if (headers[":method"] !== "POST") return { status: 405, reason: "MethodNotAllowed" };
    if (!PATH.test(String(headers[":path"]))) return { status: 404, reason: "BadPath" };
    const tokenProblem = checkProviderToken(headers.authorization, Math.floor(Date.now() / 1000));
    if (tokenProblem !== null) return { status: 403, reason: tokenProblem };
    if (!headers["apns-topic"]) return { status: 400, reason: "MissingTopic" };
    const pushType = headers["apns-push-type"];
    if (pushType !== undefined && !PUSH_TYPES.has(String(pushType))) return { status: 400, reason: "InvalidPushType" };
    const priority = headers["apns-priority"];
    if (priority !== undefined && priority !== "5" && priority !== "10") return { status: 400, reason: "BadPriority" };
    // Apple: background pushes must be sent with priority 5.
    if (pushType === "background" && priority === "10") return { status: 400, reason: "BadPriority" };
    const expiration = headers["apns-expiration"];
    if (expiration !== undefined && !/^\d+$/.test(String(expiration))) return { status: 400, reason: "BadExpirationDate" };
    const collapseId = headers["apns-collapse-id"];
    if (collapseId !== undefined && Buffer.byteLength(String(collapseId)) > 64) return { status: 400, reason: "BadCollapseId" };
    const apnsId = headers["apns-id"];
    if (apnsId !== undefined && !UUID.test(String(apnsId))) return { status: 400, reason: "BadMessageId" };
    if (body === "") return { status: 400, reason: "PayloadEmpty" };
    if (Buffer.byteLength(body) > 4096) return { status: 413, reason: "PayloadTooLarge" };
    return null;
  }

  function respond(stream: http2.ServerHttp2Stream, status: number, apnsId: string, reason: string | null, extra: Record<string, string | number> = {}): void {
    if (stream.destroyed || stream.closed) return;
    const headers: http2.OutgoingHttpHeaders = { ":status": status, "apns-id": apnsId, ...extra };
    if (status === 200) {
      headers["apns-unique-id"] = crypto.randomUUID();
      stream.respond(headers, { endStream: true });
      return;
    }
    stream.respond({ ...headers, "content-type": "application/json" });
    stream.end(JSON.stringify(status === 410 ? { reason, timestamp: Date.now() } : { reason }));
  }

  async function answer(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, body: string): Promise<void> {
    requests++;
    const apnsId = typeof headers["apns-id"] === "string" ? headers["apns-id"] : crypto.randomUUID();
    const problem = validate(headers, body);
    if (problem) {
      refused++;
      return respond(stream, problem.status, apnsId, problem.reason);
    }
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== "object" || parsed === null || typeof (parsed as { aps?: unknown }).aps !== "object") throw new Error("no aps");
      payload = parsed as Record<string, unknown>;
    } catch {
      refused++;
      return respond(stream, 400, apnsId, "BadPayload");
    }
    const token = PATH.exec(String(headers[":path"]))![1]!;
    const scripted = book.next(token);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.drop) {
      refused++;
      if (scripted.drop === "stream") stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      else stream.session?.destroy();
      return;
    }
    const status = scripted?.status ?? (scripted?.reason ? (STATUS_OF[scripted.reason] ?? 400) : 200);
    if (status !== 200) {
      refused++;
      return respond(stream, status, apnsId, scripted?.reason ?? REASON_OF[status] ?? "BadRequest", retryAfterHeader(scripted));
    }
    log.add(apnsId, token, () => {
      const apnsHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) if (name.startsWith("apns-") && typeof value === "string") apnsHeaders[name] = value;
      return { token, apnsId, headers: apnsHeaders, payload, receivedAt: new Date().toISOString() };
    });
    respond(stream, 200, apnsId, null);
  }

  const h2 = http2.createServer({ settings: { maxConcurrentStreams: options.maxConcurrentStreams ?? 1000 } });
  h2.on("session", (session) => {
    sessionsOpened++;
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
    session.on("error", () => session.destroy());
    // A session whose peer went away after a GOAWAY is not always closed by node itself.
    session.socket.on("close", () => session.destroy());
  });
  h2.on("stream", (stream, headers) => {
    stream.on("error", () => undefined);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    stream.on("close", () => inFlight--);
    const path = String(headers[":path"]);
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const body = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
      if (path.startsWith(CONTROL_PREFIX)) {
        void answerControl(String(headers[":method"]), new URL(path, "http://simulator"), body, controls).then(({ status, json }) => {
          if (stream.closed) return;
          stream.respond({ ":status": status, "content-type": "application/json" });
          stream.end(JSON.stringify(json));
        });
        return;
      }
      void answer(stream, headers, body);
    });
  });

  const h1 = http.createServer((request, response) => {
    void readBody(request, 1024 * 1024).then(async (body) => {
      const { status, json } = await answerControl(request.method ?? "GET", new URL(request.url ?? "/", "http://simulator"), body ?? "", controls);
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    });
  });

  // One port, two protocols: an HTTP/2 client starts with the connection preface, anything else is HTTP/1.1.
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", (chunk) => {
      socket.pause();
      socket.unshift(chunk);
      // http2 reads what is already buffered on the socket itself (nodejs/node#35475); http reads
      // through 'data' events once the socket flows again.
      if (chunk.subarray(0, H2_PREFACE.length).toString("latin1") === H2_PREFACE) {
        h2.emit("connection", socket);
      } else {
        h1.emit("connection", socket);
        socket.resume();
      }
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });

  const simulator: ApnsSimulator = {
    url: formatUrl(server.address() as net.AddressInfo),
    async stop() {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    trustKey({ teamId, keyId, publicKey, privateKeyPem }) {
      const source = publicKey ?? privateKeyPem;
      if (source === undefined) throw new Error("trustKey needs publicKey or privateKeyPem");
      keys.set(keyId, { teamId, key: toPublicKey(source) });
      verified.clear();
    },
    script: (token, answers) => book.script(token, answers),
    setDefault: (answer) => book.setDefault(answer),
    deliveries: () => log.records,
    countFor: (token) => log.countFor(token),
    stats: () => ({ requests, delivered: log.delivered, duplicates: log.duplicates, refused, sessionsOpened, openSessions: sessions.size, maxInFlight, providerTokens }),
    goAway() {
      // As Apple does: GOAWAY, then close once the streams in flight are answered.
      for (const session of sessions) {
        session.goaway(http2.constants.NGHTTP2_NO_ERROR);
        session.close();
      }
    },
    reset() {
      book.reset();
      log.reset();
      requests = 0;
      refused = 0;
      maxInFlight = 0;
      providerTokens = 0;
      sessionsOpened = 0;
      verified.clear();
    },
  };

  const controls: Record<string, ControlHandler> = {
    "GET deliveries": (_body, query) => log.summary(query.get("token")),
    "GET stats": () => simulator.stats(),
    "POST script": scriptHandler(book),
    "POST reset": () => simulator.reset(),
    "POST goaway": () => simulator.goAway(),
    "POST keys": (body) => simulator.trustKey({ teamId: String(body.teamId), keyId: String(body.keyId), publicKey: body.publicKeyPem as string | undefined, privateKeyPem: body.privateKeyPem as string | undefined }),
  };
  return simulator;
}
