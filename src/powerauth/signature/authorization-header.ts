/**
 * The `X-PowerAuth-Authorization` header (powerauth-protocol.md §10.4): parsing with every field
 * rule of the reference validator (server side) and building (device side).
 */
import { type Bytes, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import {
  formatHeaderFields,
  parseHeaderFields,
  requireBase64Field,
  requireField,
  requireUuid,
} from "../core/header-fields";
import { type ProtocolVersion, parseProtocolVersion } from "../core/protocol-version";
import { parseSignatureType, type SignatureType } from "./signature-type";

export const AUTHORIZATION_HEADER_NAME = "X-PowerAuth-Authorization";

export interface PowerAuthAuthorization {
  version: ProtocolVersion;
  /** As sent (not re-cased): it may enter ECIES associated data (§5.1). */
  activationId: string;
  /** The application key's Base64 text, used to look up the application version. */
  applicationKey: string;
  /** `pa_nonce`, 16 bytes. */
  nonce: Buffer;
  signatureType: SignatureType;
  /** As sent; `verifySignature` compares it with the expected format. */
  signature: string;
}

const DECIMAL_SIGNATURE = /^[0-9]{8}(-[0-9]{8}){0,2}$/;
const BASE64_SIGNATURE_LENGTHS = [24, 44, 64];

/** `pa_signature`: 1–3 decimal components of 8 digits, or Base64 of 16–48 bytes (§10.4 table). */
function checkSignature(value: string): string {
  if (DECIMAL_SIGNATURE.test(value)) return value;
  if (BASE64_SIGNATURE_LENGTHS.includes(value.length)) {
    requireBase64Field(value, "pa_signature", [16, 32, 48], AUTHORIZATION_HEADER_NAME);
    return value;
  }
  throw new PowerAuthError(
    "INVALID_HEADER",
    `${AUTHORIZATION_HEADER_NAME}: pa_signature must be 8, 17 or 26 decimal characters or 24, 44 or 64 Base64 characters`,
  );
}

/**
 * Parses and validates the header value. Errors: `INVALID_HEADER` (bad syntax or a bad field, named
 * in the message), `INVALID_VERSION` (pa_version), `INVALID_SIGNATURE_TYPE` (pa_signature_type).
 * Whether the type is allowed for the endpoint is a separate check (`requireSignatureTypeAllowed`).
 */
export function parseAuthorizationHeader(value: string): PowerAuthAuthorization {
  const fields = parseHeaderFields(value, AUTHORIZATION_HEADER_NAME);
  const field = (name: string) => requireField(fields, name, AUTHORIZATION_HEADER_NAME);

  const version = parseProtocolVersion(field("pa_version"), `${AUTHORIZATION_HEADER_NAME}: pa_version`);
  const activationId = requireUuid(field("pa_activation_id"), `${AUTHORIZATION_HEADER_NAME}: pa_activation_id`);
  const applicationKey = field("pa_application_key");
  requireBase64Field(applicationKey, "pa_application_key", 16, AUTHORIZATION_HEADER_NAME);
  const nonce = requireBase64Field(field("pa_nonce"), "pa_nonce", 16, AUTHORIZATION_HEADER_NAME);
  let signatureType: SignatureType;
  try {
    signatureType = parseSignatureType(field("pa_signature_type"));
  } catch (error) {
    if (error instanceof PowerAuthError && error.code === "INVALID_SIGNATURE_TYPE") {
      throw new PowerAuthError("INVALID_SIGNATURE_TYPE", `${AUTHORIZATION_HEADER_NAME}: pa_signature_type: ${error.message}`);
    }
    throw error;
  }
  const signature = checkSignature(field("pa_signature"));
  return { version, activationId, applicationKey, nonce, signatureType, signature };
}

export interface AuthorizationHeaderInput {
  version: ProtocolVersion;
  activationId: string;
  applicationKey: string;
  /** 16 bytes, or their Base64. */
  nonce: Bytes | string;
  signatureType: SignatureType;
  signature: string;
}

/**
 * Builds the header value in the SDK's field order. The result is checked with the server-side
 * parser, so a device can never emit a header the server would reject as malformed.
 */
export function buildAuthorizationHeader(input: AuthorizationHeaderInput): string {
  const header = formatHeaderFields([
    ["pa_version", input.version],
    ["pa_activation_id", input.activationId],
    ["pa_application_key", input.applicationKey],
    ["pa_nonce", typeof input.nonce === "string" ? input.nonce : toBase64(input.nonce)],
    ["pa_signature_type", input.signatureType],
    ["pa_signature", input.signature],
  ]);
  parseAuthorizationHeader(header);
  return header;
}
