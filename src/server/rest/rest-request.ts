/**
 * The REST transport's own request and reply: what a route needs of HTTP, and nothing more. The
 * server wrapper builds them straight from Node's request (no Web Request/Response conversion
 * on the hot path, see src/server/http/serve-rest.ts); Next.js route handlers and unit tests
 * build them from a Web Request.
 */
import { AppError } from "@/server/errors";

export interface RestRequest {
  /** Upper case. */
  readonly method: string;
  /** The path as received, without the query (still percent-encoded). */
  readonly path: string;
  /** The raw query string, without "?". */
  readonly search: string;
  /** A header by lower-case name; repeated headers joined with ", ". */
  header(name: string): string | undefined;
  /**
   * The raw body bytes, read once (PowerAuth signatures cover these exact bytes). More than
   * `maxBytes` is an ERROR_REQUEST 413 before the rest is read.
   */
  body(maxBytes: number): Promise<Buffer>;
}

export interface RestReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError("ERROR_REQUEST", `Request body is larger than the limit of ${maxBytes} bytes`, { status: 413 });
}

/** Refuses a declared Content-Length over the cap before a byte of the body is read. */
export function checkDeclaredLength(request: RestRequest, maxBytes: number): void {
  const declared = request.header("content-length");
  if (declared && Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

/** A RestRequest over a Web Request (Next.js route handlers, tests). */
export function fromWebRequest(request: Request): RestRequest {
  const url = new URL(request.url);
  let read: Promise<Buffer> | undefined;
  return {
    method: request.method.toUpperCase(),
    path: url.pathname,
    search: url.search.slice(1),
    header: (name) => request.headers.get(name) ?? undefined,
    body(maxBytes) {
      read ??= (async () => {
        if (!request.body) return Buffer.alloc(0);
        const reader = request.body.getReader();
        const chunks: Uint8Array[] = [];
        let size = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > maxBytes) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge(maxBytes);
          }
          chunks.push(value);
        }
        return Buffer.concat(chunks, size);
      })();
      return read;
    },
  };
}

export function toWebResponse(reply: RestReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
