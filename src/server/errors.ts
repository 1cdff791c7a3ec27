/**
 * The one error type services throw. Codes come from the documents' code tables; each maps to one
 * HTTP status here, and the REST wrapper and the tRPC error formatter both use this table.
 * Anything that is not an AppError becomes ERROR_GENERIC 500 with the details in the log only.
 */
export const ERROR_STATUS = {
  ERROR_REQUEST: 400,
  ERROR_ADMIN: 400,
  ERROR_REGISTRATION: 400,
  ERROR_REGISTRATION_NOT_FOUND: 400,
  ERROR_REGISTRATION_NOT_ALLOWED: 400,
  ERROR_REGISTRATION_CHANGE: 400,
  ERROR_OPERATION_NOT_FOUND: 400,
  ERROR_OPERATION_STATE_CHANGE: 400,
  ERROR_OTP_INVALID: 400,
  ERROR_AUDIT: 400,
  // Communication services (communication-services.txt): a push message that cannot be sent.
  ERROR_PUSH_MESSAGE: 400,
  // The documents' example bodies for 401 say HTTP_401 / "Unauthorized" (api-reference/README.md).
  HTTP_401: 401,
  ERROR_UNAUTHORIZED: 401,
  // Authenticated, but the credential or staff role may not do this. Not in the documents; named
  // like the documented 401 so clients can treat both alike.
  HTTP_403: 403,
  ERROR_NOT_FOUND: 404,
  // Console and CLI only (a name already taken); the REST documents report such cases as ERROR_ADMIN.
  ERROR_CONFLICT: 409,
  ERROR_GENERIC: 500,
  ERROR_INTERNAL_API: 500,
  ERROR_DATABASE: 500,
  // Cloud verification endpoints: a header that is not a well-formed PowerAuth header (a wrong
  // signature in a well-formed one is a 200 with signatureValid false).
  ERROR_SIGNATURE_INVALID: 400,
  ERROR_TOKEN_INVALID: 400,
  // Standard RESTful API, mobile-facing /pa/v3/** (powerauth-protocol.md §7, §10.6, §12).
  ERR_ACTIVATION: 400,
  ERR_AUTHENTICATION: 401,
  ERR_SECURE_VAULT: 400,
  ERR_UPGRADE: 400,
  ERR_RECOVERY: 400,
  ERR_ENCRYPTION: 400,
  ERR_TEMPORARY_KEY: 400,
  ERR_GENERIC: 400,
  // Mobile Token operations API, /api/auth/token/app/operation/** (§14).
  INVALID_REQUEST: 400,
  INVALID_ACTIVATION: 400,
  POWERAUTH_AUTH_FAIL: 401,
  OPERATION_ALREADY_FINISHED: 400,
  OPERATION_ALREADY_FAILED: 400,
  OPERATION_ALREADY_CANCELED: 400,
  OPERATION_EXPIRED: 400,
  OPERATION_FAILED: 401,
  OPERATION_NOT_FOUND: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Violation {
  fieldName: string;
  invalidValue?: unknown;
  hint: string;
}

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { violations?: Violation[]; status?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  get status(): number {
    return this.options.status ?? ERROR_STATUS[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The documented 401 body. */
export const unauthorized = () =>
  new AppError("HTTP_401", "Unauthorized", { headers: { "WWW-Authenticate": 'Basic realm="Guardline", charset="UTF-8"' } });

/** Authenticated but not permitted. */
export const forbidden = (message = "Forbidden") => new AppError("HTTP_403", message);
