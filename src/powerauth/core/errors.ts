/**
 * The one error type of the protocol library. Every failure the library can detect (bad input,
 * bad MAC, wrong key, stale timestamp, counter out of window…) is a `PowerAuthError` with a code
 * that says what is wrong; callers map codes to their transport (HTTP 400/401, typed results).
 */
export type PowerAuthErrorCode =
  | "INVALID_BASE64"
  | "INVALID_LENGTH"
  | "INVALID_KEY"
  | "INVALID_POINT"
  | "INVALID_FORMAT"
  | "INVALID_HEADER"
  | "INVALID_VERSION"
  | "INVALID_ACTIVATION_CODE"
  | "INVALID_SIGNATURE"
  | "INVALID_MAC"
  | "DECRYPTION_FAILED"
  | "TIMESTAMP_IN_FUTURE"
  | "TIMESTAMP_EXPIRED"
  | "REPLAY"
  | "COUNTER_OUT_OF_WINDOW"
  | "INVALID_JWT"
  | "INVALID_OTP"
  | "INVALID_SIGNATURE_TYPE"
  | "SIGNATURE_TYPE_NOT_ALLOWED";

export class PowerAuthError extends Error {
  override readonly name = "PowerAuthError";

  constructor(
    readonly code: PowerAuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}
