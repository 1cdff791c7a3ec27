/**
 * Device side of online signatures (powerauth-protocol.md §10): sign one request with the chosen
 * factors and produce the `X-PowerAuth-Authorization` header, returning the NEW device state with
 * the hash-based counter advanced (§10.3). The input state is never mutated.
 *
 * A real SDK unlocks the knowledge key with the PIN and the biometry key with the OS prompt; this
 * state already holds the derived keys, so choosing the factors is simply choosing the type.
 */
import { type Bytes, fromBase64, toBase64 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import { randomBytes } from "../core/primitives";
import { AUTHORIZATION_HEADER_NAME, buildAuthorizationHeader } from "../signature/authorization-header";
import { computeSignature, nextCtrData, type SignatureKeys, signatureFormatForVersion } from "../signature/signature";
import { canonicalQueryFromParams, canonicalQueryString, onlineSignatureData } from "../signature/signature-data";
import type { SignatureType } from "../signature/signature-type";
import type { DeviceActivation } from "./device-state";

export interface SignRequestInput {
  /** HTTP method, e.g. `POST` or `GET`. */
  method: string;
  /** The URI id of the endpoint (§10.7), e.g. `/pa/token/create`. */
  uriId: string;
  /** The exact body bytes (or UTF-8 text) that will be sent. Omit for requests without a body. */
  body?: Bytes | string;
  /**
   * For requests without a body (GET): the query parameters, as a map (canonicalised like the SDK)
   * or as the raw query string that will be sent (canonicalised like the server).
   */
  query?: string | Readonly<Record<string, string | readonly string[]>>;
  /** The factors to sign with. */
  signatureType: SignatureType;
  /** 16 bytes; random when omitted (tests pass a fixed one). */
  nonce?: Bytes;
}

export interface SignedRequest {
  headerName: typeof AUTHORIZATION_HEADER_NAME;
  headerValue: string;
  /** The bare `pa_signature` value. */
  signature: string;
  /** The state to keep from now on: counter advanced by one step. */
  state: DeviceActivation;
}

/** The state's Base64 keys as bytes, for the signature functions. */
export function deviceSignatureKeys(state: DeviceActivation): SignatureKeys {
  return {
    possession: fromBase64(state.keys.possession, "possession key", 16),
    knowledge: fromBase64(state.keys.knowledge, "knowledge key", 16),
    biometry: fromBase64(state.keys.biometry, "biometry key", 16),
  };
}

/** A copy of the state one counter step further (§10.3): `CTR_DATA = next(CTR_DATA)`, `CTR + 1`. */
export function withAdvancedCounter(state: DeviceActivation): DeviceActivation {
  const ctrData = nextCtrData(fromBase64(state.ctrData, "ctrData", 16));
  return { ...state, app: { ...state.app }, keys: { ...state.keys }, ctrData: toBase64(ctrData), counter: state.counter + 1 };
}

function signedBody(input: SignRequestInput): Bytes | string {
  if (input.body !== undefined && input.query !== undefined) {
    throw new PowerAuthError("INVALID_FORMAT", "give either a body or a query, not both");
  }
  if (input.query === undefined) return input.body ?? "";
  return typeof input.query === "string" ? canonicalQueryString(input.query) : canonicalQueryFromParams(input.query);
}

/** Signs a request with the state's current counter and returns the header and the advanced state. */
export function signRequest(state: DeviceActivation, input: SignRequestInput): SignedRequest {
  const nonce = input.nonce ?? randomBytes(16);
  const data = onlineSignatureData({
    method: input.method,
    uriId: input.uriId,
    nonce,
    body: signedBody(input),
    applicationSecret: state.app.applicationSecret,
  });
  const signature = computeSignature({
    keys: deviceSignatureKeys(state),
    type: input.signatureType,
    ctrData: fromBase64(state.ctrData, "ctrData", 16),
    data,
    format: signatureFormatForVersion(state.version),
  });
  const headerValue = buildAuthorizationHeader({
    version: state.version,
    activationId: state.activationId,
    applicationKey: state.app.applicationKey,
    nonce,
    signatureType: input.signatureType,
    signature,
  });
  return { headerName: AUTHORIZATION_HEADER_NAME, headerValue, signature, state: withAdvancedCounter(state) };
}
