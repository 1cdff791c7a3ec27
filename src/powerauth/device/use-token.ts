/**
 * Device side of MAC tokens (powerauth-protocol.md §11.2): keep the token received from
 * `/pa/v3/token/create` and build a fresh `X-PowerAuth-Token` header for each request. Using a token
 * does not touch the signature counter, so the device state is not changed.
 */
import { type Bytes, fromBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { isUuid } from "../core/identifiers";
import { createTokenHeader, TOKEN_HEADER_NAME } from "../token/token";
import type { DeviceActivation } from "./device-state";

/** A stored token, plain and serialisable. */
export interface DeviceToken {
  tokenId: string;
  /** Base64 of the 16-byte secret. */
  tokenSecret: string;
}

/** Validates the decrypted token-create response `{tokenId, tokenSecret}` (§11.1). */
export function deviceTokenFromResponse(response: unknown): DeviceToken {
  const value = response as { tokenId?: unknown; tokenSecret?: unknown } | null;
  if (typeof value !== "object" || value === null || !isUuid(value.tokenId) || typeof value.tokenSecret !== "string") {
    throw new PowerAuthError("INVALID_FORMAT", "token response must be {tokenId: UUID, tokenSecret: Base64}");
  }
  fromBase64(value.tokenSecret, "tokenSecret", 16);
  return { tokenId: value.tokenId, tokenSecret: value.tokenSecret };
}

export interface UseTokenOptions {
  /** Unix ms from the device's server-synchronised clock. */
  nowMs: number;
  /** 16 bytes; random when omitted. */
  nonce?: Bytes;
}

export interface TokenHeader {
  headerName: typeof TOKEN_HEADER_NAME;
  headerValue: string;
}

/** Builds `X-PowerAuth-Token` for the state's protocol version (the digest input depends on it). */
export function buildDeviceTokenHeader(
  state: Pick<DeviceActivation, "version">,
  token: DeviceToken,
  options: UseTokenOptions,
): TokenHeader {
  const headerValue = createTokenHeader({
    tokenId: token.tokenId,
    tokenSecret: token.tokenSecret,
    version: state.version,
    timestamp: options.nowMs,
    nonce: options.nonce,
  });
  return { headerName: TOKEN_HEADER_NAME, headerValue };
}
