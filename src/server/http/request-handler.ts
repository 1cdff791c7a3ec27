/**
 * What every request passes through, before REST or Next.js sees it: a request id (echoed when the
 * caller sent a safe one), the client address, the security headers, the one access log line,
 * and the refusals that must not depend on a route (methods nobody serves, a path whose
 * percent-encoding is malformed). REST paths then take the fast path (serve-rest.ts); everything
 * else (console pages, sign-in, tRPC, static files) goes to Next.js.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { AppError } from "@/server/errors";
import { logger, runWithRequestContext, type RequestContext } from "@/server/logger";
import { errorReply, REQUEST_ID_HEADER } from "@/server/rest/envelope";
import type { RestReply } from "@/server/rest/rest-request";
import { requestIdFrom } from "@/server/rest/rest-route";
import type { RestRouter } from "@/server/rest/rest-router";

import { logAccess } from "./access-log";
import { REMOTE_ADDRESS_HEADER } from "./forwarded";
import { serveRest } from "./serve-rest";

/** Methods anything here serves; TRACE, PROPFIND and friends get a 405 envelope. */
const SERVED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface RequestHandlerOptions {
  router: RestRouter;
  next: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  baseHeaders: Readonly<Record<string, string>>;
  /** The client's address (behind a trusted proxy, the forwarded one) for the access log and the sign-in throttle. */
  clientAddress: (req: IncomingMessage) => string | undefined;
  isShuttingDown: () => boolean;
}

function writeReply(res: ServerResponse, reply: RestReply, baseHeaders: Readonly<Record<string, string>>): void {
  res.writeHead(reply.status, { ...baseHeaders, ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

export function createRequestHandler(options: RequestHandlerOptions) {
  const { router, next, baseHeaders } = options;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
    const context: RequestContext = { requestId, clientAddress: options.clientAddress(req) };
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const search = queryAt < 0 ? "" : url.slice(queryAt + 1);

    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (options.isShuttingDown()) res.setHeader("Connection", "close");
    res.once("close", () => {
      if (!path.startsWith("/_next/")) logAccess(req, res, context, path, started);
    });

    runWithRequestContext(context, () => {
      const idHeader = { [REQUEST_ID_HEADER]: requestId };
      if (!SERVED_METHODS.has(req.method ?? "")) {
        writeReply(res, errorReply(new AppError("ERROR_REQUEST", `Method ${req.method} is not supported`, { status: 405 }), { ...idHeader, Allow: "GET, HEAD, POST, PUT, PATCH, DELETE" }), baseHeaders);
        return;
      }
      try {
        decodeURI(path);
      } catch {
        writeReply(res, errorReply(new AppError("ERROR_REQUEST", "The request path has a malformed percent-encoding"), idHeader), baseHeaders);
        return;
      }
      if (router.owns(path)) {
        void serveRest(req, res, { router, path, search, requestId, baseHeaders }).catch((error: unknown) => {
          logger.error("REST dispatch crashed", { error });
          if (!res.headersSent) writeReply(res, errorReply(new AppError("ERROR_GENERIC", "Unknown error occurred while processing request."), idHeader), baseHeaders);
          else res.destroy();
        });
        return;
      }
      for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
      // Next's route handlers do not see the socket: they get its address from this header, which
      // only this wrapper writes (a copy sent by the client is replaced or removed).
      if (req.socket.remoteAddress) req.headers[REMOTE_ADDRESS_HEADER] = req.socket.remoteAddress;
      else delete req.headers[REMOTE_ADDRESS_HEADER];
      next(req, res).catch((error: unknown) => {
        logger.error("request handler crashed", { error });
        if (!res.headersSent) writeReply(res, errorReply(new AppError("ERROR_GENERIC", "Unknown error occurred while processing request."), idHeader), baseHeaders);
        else res.destroy();
      });
    });
  };
}

/**
 * Requests Node's parser refuses before any handler runs (a lower-case or unknown method, headers
 * over the limit, garbage): still the documented JSON envelope, with the security headers, and a
 * log line. The connection is closed afterwards; nothing else can be read from it.
 */
export function answerClientError(error: NodeJS.ErrnoException & { code?: string }, socket: import("node:stream").Duplex, baseHeaders: Readonly<Record<string, string>>): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "Request headers are larger than the server accepts"]
      : error.code === "HPE_INVALID_METHOD"
        ? [405, "Method Not Allowed", "Unknown or malformed HTTP method"]
        : [400, "Bad Request", "Malformed HTTP request"];
  const requestId = crypto.randomUUID();
  runWithRequestContext({ requestId }, () => logger.warn("malformed request refused", { code: error.code, status }));
  const body = JSON.stringify({ status: "ERROR", responseObject: { code: "ERROR_REQUEST", message } });
  const headers = {
    ...baseHeaders,
    [REQUEST_ID_HEADER]: requestId,
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Content-Length": String(Buffer.byteLength(body)),
    Connection: "close",
  };
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n${body}`);
}
