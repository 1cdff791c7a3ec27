/**
 * What the three provider simulators share: scripted answers per device token, the record of
 * accepted deliveries, and the `/__simulator/...` control surface that lets a test in another
 * process drive a simulator over plain HTTP (issue 10 §5).
 */
import type http from "node:http";

/**
 * One answer a simulator gives instead of its normal one. `status` (default 200) and `reason` are
 * the provider's (APNs reason, FCM errorCode, HMS code); `drop` ends the connection without an
 * answer; `delayMs` waits first; `retryAfter` becomes the Retry-After header (seconds or HTTP date).
 */
export interface ScriptedAnswer {
  status?: number;
  reason?: string;
  retryAfter?: number | string;
  drop?: boolean | "session" | "stream";
  delayMs?: number;
}

/** Per token (exact match), a queue of answers consumed in order; then the default (normal behaviour when none). */
export class ScriptBook {
  private readonly queues = new Map<string, ScriptedAnswer[]>();
  private fallback: ScriptedAnswer | null = null;

  script(token: string, answers: ScriptedAnswer[]): void {
    this.queues.set(token, [...(this.queues.get(token) ?? []), ...answers]);
  }

  setDefault(answer: ScriptedAnswer | null): void {
    this.fallback = answer;
  }

  next(token: string): ScriptedAnswer | null {
    const queue = this.queues.get(token);
    if (queue && queue.length > 0) {
      const answer = queue.shift()!;
      if (queue.length === 0) this.queues.delete(token);
      return answer;
    }
    return this.fallback;
  }

  reset(): void {
    this.queues.clear();
    this.fallback = null;
  }
}

/**
 * Accepted deliveries. Counting is a Map per token and a Set of idempotency keys, so it stays cheap
 * at benchmark rates; the full records (headers, payload) are kept unless `keepPayloads` is false.
 * A second accepted request with a key already delivered is a duplicate, never a second delivery.
 */
export class DeliveryLog<TRecord extends { token: string }> {
  readonly byToken = new Map<string, number>();
  readonly records: TRecord[] = [];
  private readonly keys = new Set<string>();
  delivered = 0;
  duplicates = 0;

  constructor(private readonly keepPayloads: boolean) {}

  /** Returns false when `key` was delivered before (the record is then not added). */
  add(key: string, token: string, makeRecord: () => TRecord): boolean {
    if (this.keys.has(key)) {
      this.duplicates++;
      return false;
    }
    this.keys.add(key);
    this.delivered++;
    this.byToken.set(token, (this.byToken.get(token) ?? 0) + 1);
    if (this.keepPayloads) this.records.push(makeRecord());
    return true;
  }

  countFor(token: string): number {
    return this.byToken.get(token) ?? 0;
  }

  reset(): void {
    this.byToken.clear();
    this.records.length = 0;
    this.keys.clear();
    this.delivered = 0;
    this.duplicates = 0;
  }

  summary(token: string | null): Record<string, unknown> {
    return {
      delivered: this.delivered,
      duplicates: this.duplicates,
      tokens: this.byToken.size,
      deliveries: token === null ? this.records : this.records.filter((record) => record.token === token),
    };
  }
}

export type ControlHandler = (body: Record<string, unknown>, query: URLSearchParams) => unknown;

export const CONTROL_PREFIX = "/__simulator/";

/**
 * Answers a control request: `GET|POST /__simulator/<name>` → handlers[`GET name`]. The common
 * ones are `GET deliveries` (`?token=`), `GET stats`, `POST script` ({token?, answers, default?})
 * and `POST reset`; each simulator adds its own (keys, accounts, clients).
 */
export async function answerControl(method: string, url: URL, body: string, handlers: Record<string, ControlHandler>): Promise<{ status: number; json: unknown }> {
  const handler = handlers[`${method} ${url.pathname.slice(CONTROL_PREFIX.length)}`];
  if (!handler) return { status: 404, json: { error: `no control route ${method} ${url.pathname}` } };
  let parsed: unknown = {};
  try {
    parsed = body === "" ? {} : JSON.parse(body);
  } catch {
    return { status: 400, json: { error: "body is not JSON" } };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { status: 400, json: { error: "body must be a JSON object" } };
  try {
    return { status: 200, json: (await handler(parsed as Record<string, unknown>, url.searchParams)) ?? { ok: true } };
  } catch (error) {
    return { status: 400, json: { error: error instanceof Error ? error.message : String(error) } };
  }
}

/** The `POST script` handler every simulator has. */
export function scriptHandler(book: ScriptBook): ControlHandler {
  return (body) => {
    const answers = body.answers ?? [];
    if (!Array.isArray(answers)) throw new Error("answers must be an array");
    if (typeof body.token === "string") book.script(body.token, answers as ScriptedAnswer[]);
    else if (answers.length > 0) throw new Error("answers need a token (use default for every token)");
    if ("default" in body) book.setDefault((body.default as ScriptedAnswer | undefined) ?? null);
    return { ok: true };
  };
}

export function readBody(request: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

export function sendJson(response: http.ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(json);
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Retry-After header of an answer, when it has one. */
export function retryAfterHeader(answer: ScriptedAnswer | null): Record<string, string> {
  return answer?.retryAfter === undefined ? {} : { "retry-after": String(answer.retryAfter) };
}

/** "http://host:port" of a listening server, IPv6 hosts bracketed. */
export function formatUrl(address: { address: string; port: number }): string {
  const host = address.address.includes(":") ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Listens and returns the URL; `stop()` ends open connections too (a test must not wait for keep-alive). */
export async function listenHttp(server: http.Server, port: number, host: string): Promise<{ url: string; stop: () => Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: formatUrl(server.address() as { address: string; port: number }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The methods the FCM and HMS simulators have in common (OAuthSimulatorState.members). */
export interface OAuthSimulatorMembers<TRecord> {
  script(token: string, answers: ScriptedAnswer[]): void;
  /** Answers for the token endpoint, consumed in order before its normal behaviour. */
  scriptTokenEndpoint(answers: ScriptedAnswer[]): void;
  setDefault(answer: ScriptedAnswer | null): void;
  /** Forgets every issued access token: the next send is refused as unauthenticated. */
  revokeAccessTokens(): void;
  deliveries(): readonly TRecord[];
  countFor(token: string): number;
  stats(): { requests: number; delivered: number; duplicates: number; refused: number; tokensIssued: number };
  reset(): void;
}

/** The token endpoint's entry in a ScriptBook (no device token can look like it). */
export const TOKEN_ENDPOINT_KEY = "\u0000token-endpoint";

/**
 * What the two OAuth-based simulators (FCM, HMS) share: scripted answers (per device token, and
 * for the token endpoint), the delivery log, the access tokens they issued, their counters, the
 * methods both expose, and the control routes both serve (each adds its own way to trust a
 * credential).
 */
export class OAuthSimulatorState<TRecord extends { token: string }, TGrant> {
  readonly book = new ScriptBook();
  readonly log: DeliveryLog<TRecord>;
  readonly accessTokens = new Map<string, TGrant>();
  requests = 0;
  refused = 0;
  tokensIssued = 0;

  constructor(keepPayloads: boolean) {
    this.log = new DeliveryLog<TRecord>(keepPayloads);
  }

  /** The simulator methods FCM and HMS have in common. */
  members(): OAuthSimulatorMembers<TRecord> {
    return {
      script: (token: string, answers: ScriptedAnswer[]) => this.book.script(token, answers),
      scriptTokenEndpoint: (answers: ScriptedAnswer[]) => this.book.script(TOKEN_ENDPOINT_KEY, answers),
      setDefault: (answer: ScriptedAnswer | null) => this.book.setDefault(answer),
      revokeAccessTokens: () => this.accessTokens.clear(),
      deliveries: () => this.log.records,
      countFor: (token: string) => this.log.countFor(token),
      stats: () => ({ requests: this.requests, delivered: this.log.delivered, duplicates: this.log.duplicates, refused: this.refused, tokensIssued: this.tokensIssued }),
      reset: () => {
        this.book.reset();
        this.log.reset();
        this.accessTokens.clear();
        this.requests = 0;
        this.refused = 0;
        this.tokensIssued = 0;
      },
    };
  }

  /** The control routes both serve, plus `extra` (how each trusts a credential). */
  controls(extra: Record<string, ControlHandler>): Record<string, ControlHandler> {
    const members = this.members();
    return {
      "GET deliveries": (_body, query) => this.log.summary(query.get("token")),
      "GET stats": () => members.stats(),
      "POST script": scriptHandler(this.book),
      "POST script-token-endpoint": (body) => members.scriptTokenEndpoint((body.answers ?? []) as ScriptedAnswer[]),
      "POST reset": () => members.reset(),
      "POST revoke": () => members.revokeAccessTokens(),
      ...extra,
    };
  }
}
