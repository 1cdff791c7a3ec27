/**
 * One long-lived HTTP/2 connection to one APNs host (Apple: "keep your connections with APNs open
 * across multiple notifications"), with at most the peer's SETTINGS_MAX_CONCURRENT_STREAMS
 * requests in flight and the rest queued. A connection that receives GOAWAY, closes or fails is
 * dropped and the next request opens a new one; requests that were on it end as TRANSIENT (the
 * pipeline retries with the same apns-id). `http://` URLs speak h2c with prior knowledge (the
 * local simulators), `https://` TLS with ALPN h2.
 */
import http2 from "node:http2";

/** Until the peer's SETTINGS arrive (HTTP/2 allows unlimited; keep it modest). */
const INITIAL_STREAM_LIMIT = 100;

export interface ApnsResponse {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

export type ApnsExchange = { ok: true; response: ApnsResponse } | { ok: false; reason: string };

interface Waiter {
  resolve: () => void;
  cancelled: boolean;
}

export class ApnsConnection {
  private session: http2.ClientHttp2Session | null = null;
  private limit = INITIAL_STREAM_LIMIT;
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private idleWaiters: Array<() => void> = [];
  /** Sessions opened so far: for tests and diagnostics. */
  sessionsOpened = 0;

  constructor(private readonly origin: string) {}

  /** Sends one request; never rejects. The deadline covers the wait for a stream slot too. */
  async request(headers: http2.OutgoingHttpHeaders, body: string, timeoutMs: number): Promise<ApnsExchange> {
    const deadline = Date.now() + timeoutMs;
    if (!(await this.takeSlot(timeoutMs))) return { ok: false, reason: "Timeout: no free stream before the deadline" };
    try {
      return await this.exchange(headers, body, Math.max(1, deadline - Date.now()));
    } finally {
      this.releaseSlot();
    }
  }

  /** Waits for the requests in flight (each bounded by its timeout), then closes the connection. */
  async close(): Promise<void> {
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    const session = this.session;
    this.session = null;
    if (session && !session.destroyed) {
      // An idle session is unref'd; a closing one must keep the process up until it has closed.
      session.ref();
      await new Promise<void>((resolve) => session.close(() => resolve()));
    }
  }

  private takeSlot(timeoutMs: number): Promise<boolean> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { cancelled: false, resolve: () => resolve(true) };
      const timer = setTimeout(() => {
        waiter.cancelled = true;
        resolve(false);
      }, timeoutMs);
      waiter.resolve = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiting.push(waiter);
    });
  }

  private releaseSlot(): void {
    this.active--;
    this.admitWaiting();
    if (this.active === 0) {
      this.session?.unref();
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private admitWaiting(): void {
    while (this.active < this.limit && this.waiting.length > 0) {
      const waiter = this.waiting.shift()!;
      if (waiter.cancelled) continue;
      this.active++;
      waiter.resolve();
    }
  }

  private getSession(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(this.origin);
    this.sessionsOpened++;
    const drop = () => {
      if (this.session === session) this.session = null;
    };
    session.on("remoteSettings", (settings: http2.Settings) => {
      this.limit = Math.max(1, settings.maxConcurrentStreams ?? INITIAL_STREAM_LIMIT);
      this.admitWaiting();
    });
    // After GOAWAY no new stream may start on this session; close() lets the ones in flight finish.
    session.on("goaway", () => {
      drop();
      session.close();
    });
    session.on("close", drop);
    session.on("error", () => {
      drop();
      session.destroy();
    });
    this.session = session;
    return session;
  }

  private exchange(headers: http2.OutgoingHttpHeaders, body: string, timeoutMs: number): Promise<ApnsExchange> {
    return new Promise((resolve) => {
      let stream: http2.ClientHttp2Stream;
      try {
        const session = this.getSession();
        session.ref();
        stream = session.request(headers);
      } catch (error) {
        resolve({ ok: false, reason: `Connection error: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      let settled = false;
      const finish = (result: ApnsExchange) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        finish({ ok: false, reason: "Timeout: no answer in time" });
        stream.close(http2.constants.NGHTTP2_CANCEL);
      }, timeoutMs);
      let status = 0;
      let responseHeaders: http2.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      stream.on("response", (received) => {
        status = Number(received[":status"]);
        responseHeaders = received;
      });
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (status > 0) finish({ ok: true, response: { status, headers: responseHeaders, body: Buffer.concat(chunks).toString("utf8") } });
      });
      stream.on("error", (error: Error) => finish({ ok: false, reason: `Stream error: ${error.message}` }));
      stream.on("close", () => finish({ ok: false, reason: `Stream closed without an answer (code ${stream.rstCode ?? "none"})` }));
      stream.end(body);
    });
  }
}
