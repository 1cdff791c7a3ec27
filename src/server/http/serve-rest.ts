/**
 * The REST fast path: a Node request on a REST path goes straight to its route (the same
 * transport-neutral `restRoute` a Next.js route handler would call), and the reply is written with
 * one writeHead/end. No Web Request or Response is built, and Next.js does no routing for it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { AppError } from "@/server/errors";
import { errorReply, REQUEST_ID_HEADER } from "@/server/rest/envelope";
import type { RestReply, RestRequest } from "@/server/rest/rest-request";
import { tooLarge } from "@/server/rest/rest-request";
import { methodNotAllowed, toErrorReply, type Method } from "@/server/rest/rest-route";
import type { RestRouter } from "@/server/rest/rest-router";

function nodeRestRequest(req: IncomingMessage, path: string, search: string): RestRequest & { bodyCut(): boolean } {
  let read: Promise<Buffer> | undefined;
  let cut = false;
  return {
    method: req.method ?? "GET",
    path,
    search,
    header(name) {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    body(maxBytes) {
      read ??= new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const onData = (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            cut = true;
            req.off("data", onData);
            req.off("end", onEnd);
            reject(tooLarge(maxBytes));
            return;
          }
          chunks.push(chunk);
        };
        const onEnd = () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
        req.on("data", onData);
        req.once("end", onEnd);
        req.once("error", reject);
      });
      return read;
    },
    bodyCut: () => cut,
  };
}

export async function serveRest(
  req: IncomingMessage,
  res: ServerResponse,
  { router, path, search, requestId, baseHeaders }: { router: RestRouter; path: string; search: string; requestId: string; baseHeaders: Readonly<Record<string, string>> },
): Promise<void> {
  const idHeader = { [REQUEST_ID_HEADER]: requestId };
  const request = nodeRestRequest(req, path, search);
  const isHead = req.method === "HEAD";
  let reply: RestReply;
  try {
    const match = router.match(path);
    if (!match) {
      reply = errorReply(new AppError("ERROR_NOT_FOUND", `No API at ${path}`), idHeader);
    } else {
      const method = (isHead ? "GET" : req.method) as Method;
      const handler = match.route.table.handlers[method];
      reply = handler ? await handler(request, match.params) : methodNotAllowed(req.method ?? "", match.route.table.allow, requestId);
    }
  } catch (error) {
    reply = toErrorReply(error, idHeader);
  }
  if (res.destroyed) return;
  const headers: Record<string, string | number> = { ...baseHeaders, ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) };
  // A body we stopped reading cannot be skipped on a kept-alive connection: close it after the reply.
  if (request.bodyCut()) headers.Connection = "close";
  res.writeHead(reply.status, headers);
  res.end(isHead ? undefined : reply.body);
}
