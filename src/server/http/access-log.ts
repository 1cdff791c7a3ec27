/**
 * One access log line per request, written when the response has been sent: method, path,
 * status, time, client address and the authenticated principal (never a secret). A request whose
 * connection closed before an answer was sent is logged as "request aborted" without a status,
 * so the log never claims an answer nobody received. Built without the general logger's field
 * walk, and written through its batched writer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { isLogged, writeLogLine, type RequestContext } from "@/server/logger";

export function logAccess(req: IncomingMessage, res: ServerResponse, context: RequestContext, path: string, started: bigint): void {
  if (!isLogged("info")) return;
  const answered = res.writableFinished;
  const entry = {
    time: new Date().toISOString(),
    level: "info",
    msg: answered ? "request" : "request aborted",
    requestId: context.requestId,
    method: req.method,
    path,
    status: answered ? res.statusCode : undefined,
    ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
    client: context.clientAddress,
    principal: context.principal,
  };
  writeLogLine("info", `${JSON.stringify(entry)}\n`);
}
