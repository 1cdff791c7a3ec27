/**
 * Minimal compact JWS handling for the temporary-key exchange (powerauth-protocol.md §6): base64url
 * without padding (§0), `header.payload.signature`. Signing and verification are done by the
 * callers with the primitives, because the HS256 keys are 128-bit (generic JWT libraries refuse
 * them) and ES256 needs the JOSE `r || s` form.
 */
import { type Bytes, fromBase64Url, toBase64Url, utf8 } from "./encoding";
import { PowerAuthError } from "./errors";
import { type JsonObject, parseJsonObject } from "./json";

export interface DecodedJws {
  header: JsonObject;
  payload: JsonObject;
  /** `ASCII(header_b64 "." payload_b64)`: the bytes the signature covers. */
  signingInput: Buffer;
  signature: Buffer;
}

/** Splits and decodes a compact JWS; anything malformed is `INVALID_JWT`. */
export function decodeJws(token: unknown): DecodedJws {
  if (typeof token !== "string" || token.length > 16_384) throw new PowerAuthError("INVALID_JWT", "JWT must be a string");
  const parts = token.split(".");
  if (parts.length !== 3) throw new PowerAuthError("INVALID_JWT", "JWT must have three dot-separated parts");
  const [headerText, payloadText, signatureText] = parts as [string, string, string];
  try {
    return {
      header: parseJsonObject(fromBase64Url(headerText, "JWT header"), "JWT header"),
      payload: parseJsonObject(fromBase64Url(payloadText, "JWT payload"), "JWT payload"),
      signingInput: utf8(`${headerText}.${payloadText}`),
      signature: fromBase64Url(signatureText, "JWT signature"),
    };
  } catch (error) {
    if (error instanceof PowerAuthError) throw new PowerAuthError("INVALID_JWT", error.message);
    throw error;
  }
}

/** Encodes `header.payload` and appends the signature `sign` computes over them. */
export function encodeJws(header: JsonObject, payload: JsonObject, sign: (signingInput: Buffer) => Bytes): string {
  const signingInput = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
  return `${signingInput}.${toBase64Url(sign(utf8(signingInput)))}`;
}

/** Checks `alg` and, when present, `typ` ("JWT") of a decoded header. */
export function expectJwsHeader(jws: DecodedJws, alg: "HS256" | "ES256", typRequired: boolean): void {
  if (jws.header.alg !== alg) throw new PowerAuthError("INVALID_JWT", `JWT alg must be ${alg}`);
  const typ = jws.header.typ;
  if ((typRequired || typ !== undefined) && typ !== "JWT") throw new PowerAuthError("INVALID_JWT", "JWT typ must be JWT");
}
