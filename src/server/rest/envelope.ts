/**
 * The documented JSON envelopes. Success bodies are whatever the document shows for the endpoint
 * (the handler returns them); errors are always
 * `{"status":"ERROR","responseObject":{"code","message","violations"?}}`.
 */
import type { AppError, ErrorCode, Violation } from "@/server/errors";

export const REQUEST_ID_HEADER = "X-Request-Id";

export const OK = { status: "OK" } as const;

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...init.headers },
  });
}

export function errorBody(code: ErrorCode | string, message: string, violations?: Violation[]) {
  return { status: "ERROR", responseObject: { code, message, ...(violations ? { violations } : {}) } };
}

export function errorResponse(error: AppError, headers: Record<string, string> = {}): Response {
  return jsonResponse(errorBody(error.code, error.message, error.options.violations), {
    status: error.status,
    headers: { ...headers, ...error.options.headers },
  });
}
