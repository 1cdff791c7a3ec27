/**
 * The three API families speak different error dialects for the same failures. One table, used by
 * the REST wrapper, so a route only names its family:
 * - `cloud`: the Cloud / Push / admin documents (ERROR_REQUEST with violations, HTTP_401);
 * - `standard`: the mobile Standard RESTful API `/pa/v3/**` (ERR_*; powerauth-protocol.md §7, §10.6, §12);
 * - `mobile-token`: the Mobile Token operations API `/api/auth/token/app/operation/**` (§14);
 * - `push`: the Push Server API (push-server-api.txt "Error Handling": every request or business
 *   error is ERROR_GENERIC with HTTP 400, violations kept as in the Cloud envelope; 401 stays HTTP_401).
 */
import type { PowerAuthError } from "@/powerauth/server";
import { AppError, type ErrorCode } from "@/server/errors";

export type ErrorFamily = "cloud" | "standard" | "mobile-token" | "push";

interface FamilyDialect {
  /** What ERROR_REQUEST (bad JSON, validation) is called. */
  invalidRequest: ErrorCode;
  /** A PowerAuth signature or token that does not authenticate. */
  authenticationFailed: () => AppError;
  /** A PowerAuthError from the protocol (bad header, MAC, replay, stale timestamp…) not handled by the route. */
  protocolError: (error: PowerAuthError) => AppError;
  /** When set, every 400 error of the family (request or business) is this code, message kept. */
  clientError?: ErrorCode;
}

export const ERROR_FAMILIES: Record<ErrorFamily, FamilyDialect> = {
  cloud: {
    invalidRequest: "ERROR_REQUEST",
    authenticationFailed: () => new AppError("HTTP_401", "Unauthorized"),
    protocolError: (error) => new AppError("ERROR_REQUEST", error.message),
  },
  standard: {
    invalidRequest: "ERR_GENERIC",
    authenticationFailed: () => new AppError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_INVALID"),
    protocolError: () => new AppError("ERR_ENCRYPTION", "POWER_AUTH_ENCRYPTION_FAILED"),
  },
  "mobile-token": {
    invalidRequest: "INVALID_REQUEST",
    authenticationFailed: () => new AppError("POWERAUTH_AUTH_FAIL", "Authentication failed"),
    protocolError: () => new AppError("POWERAUTH_AUTH_FAIL", "Authentication failed"),
  },
  push: {
    invalidRequest: "ERROR_GENERIC",
    authenticationFailed: () => new AppError("HTTP_401", "Unauthorized"),
    protocolError: (error) => new AppError("ERROR_GENERIC", error.message, { status: 400 }),
    clientError: "ERROR_GENERIC",
  },
};

/** An ERROR_REQUEST-family error in the family's own code (status, message and violations kept). */
export function inFamily(error: AppError, family: ErrorFamily): AppError {
  const { clientError } = ERROR_FAMILIES[family];
  if (clientError && error.status === 400 && error.code !== clientError) return new AppError(clientError, error.message, { ...error.options, status: 400 });
  const code = ERROR_FAMILIES[family].invalidRequest;
  if (error.code !== "ERROR_REQUEST" || code === "ERROR_REQUEST") return error;
  return new AppError(code, error.message, { ...error.options, status: error.status });
}
