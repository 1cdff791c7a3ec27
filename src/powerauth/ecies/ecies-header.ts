/**
 * The `X-PowerAuth-Encryption` header (powerauth-protocol.md §5.5), sent with requests that are
 * only encrypted: `PowerAuth application_key="…", version="3.3"[, activation_id="…"]`.
 * Fields may come in any order; unknown fields are ignored; a field given twice is an error
 * (the `name="value"` syntax is shared with the other PowerAuth headers in `core/header-fields.ts`).
 * (Requests that are signed *and* encrypted carry only `X-PowerAuth-Authorization` instead.)
 */
import { fromBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { formatHeaderFields, parseHeaderFields } from "../core/header-fields";
import { isUuid } from "../core/identifiers";
import { type ProtocolVersion, parseProtocolVersion } from "../core/protocol-version";
import type { EciesScope } from "./ecies-core";

export const ENCRYPTION_HEADER_NAME = "X-PowerAuth-Encryption";

export interface EncryptionHeader {
  applicationKey: string;
  version: ProtocolVersion;
  /** Present exactly in activation scope; kept as sent (never re-cased). */
  activationId?: string;
}

/**
 * Parses and validates the header for the expected scope: `application_key` (Base64 of 16 bytes)
 * and `version` (3.0–3.3) are required; `activation_id` (a UUID) is required in activation scope
 * and rejected in application scope.
 */
export function parseEncryptionHeader(header: string | null | undefined, scope: EciesScope): EncryptionHeader {
  if (typeof header !== "string") throw new PowerAuthError("INVALID_HEADER", `${ENCRYPTION_HEADER_NAME} is missing`);
  const fields = parseHeaderFields(header, ENCRYPTION_HEADER_NAME);
  const applicationKey = fields.get("application_key");
  if (applicationKey === undefined) throw new PowerAuthError("INVALID_HEADER", "encryption header lacks application_key");
  try {
    fromBase64(applicationKey, "application_key", 16);
  } catch {
    throw new PowerAuthError("INVALID_HEADER", "application_key must be Base64 of 16 bytes");
  }
  if (!fields.has("version")) throw new PowerAuthError("INVALID_HEADER", "encryption header lacks version");
  const version = parseProtocolVersion(fields.get("version"), "encryption header version");
  const activationId = fields.get("activation_id");
  if (scope === "application") {
    if (activationId !== undefined) {
      throw new PowerAuthError("INVALID_HEADER", "activation_id is not allowed in application scope");
    }
    return { applicationKey, version };
  }
  if (activationId === undefined) throw new PowerAuthError("INVALID_HEADER", "activation scope needs activation_id");
  if (!isUuid(activationId)) throw new PowerAuthError("INVALID_HEADER", "activation_id must be a UUID");
  return { applicationKey, version, activationId };
}

/** Builds the header value the way the SDK does (`, ` separators). */
export function buildEncryptionHeader(header: EncryptionHeader): string {
  return formatHeaderFields([
    ["application_key", header.applicationKey],
    ...(header.activationId !== undefined ? [["activation_id", header.activationId] as const] : []),
    ["version", header.version],
  ]);
}
