/**
 * The documented JSON envelopes. Success bodies are whatever the document shows for the endpoint
 * (the handler returns them); errors are always
 * `{"status":"ERROR","responseObject":{"code","message","violations"?}}`.
 */
import type { AppError, Violation } from "@/server/errors";

import type { RestReply } from "./rest-request";

export const REQUEST_ID_HEADER = "X-Request-Id";

export const OK = { status: "OK" } as const;

const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" } as const;

/** `code` is an ErrorCode, or an error family's own documented code. */
export function errorBody(code: string, message: string, violations?: Violation[]) {
  return { status: "ERROR", responseObject: { code, message, ...(violations ? { violations } : {}) } };
}

export function jsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): RestReply {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function errorReply(error: AppError, headers: Record<string, string> = {}): RestReply {
  return jsonReply(errorBody(error.code, error.message, error.options.violations), error.status, { ...headers, ...error.options.headers });
}
