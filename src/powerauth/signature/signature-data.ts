/**
 * The normalised data that PowerAuth signatures cover (powerauth-protocol.md §10.1), the canonical
 * query string for requests without a body, and the table of signed endpoints with their URI ids and
 * allowed signature types (§10.7).
 */
import { type Bytes, toBase64, utf8 } from "../core/encoding";
import { PowerAuthError } from "../core/errors";
import type { SignatureType } from "./signature-type";

/** Offline signatures put this string where the application secret goes (§10.1, §13.3). */
export const OFFLINE_SECRET = "offline";

export interface RequestDataInput {
  /** HTTP method; upper-cased here, as the wire form is upper case. */
  method: string;
  /** The logical URI id both sides agree on (§10.7), e.g. `/pa/token/create`, not the real path. */
  uriId: string;
  /** `pa_nonce`, 16 bytes. */
  nonce: Bytes;
  /**
   * The raw request body exactly as received (never re-serialised JSON), or for GET the canonical
   * query string (`canonicalQueryString`). A string is taken as UTF-8.
   */
  body: Bytes | string;
}

/** `REQUEST_DATA = METHOD & Base64(UTF8(URI_ID)) & Base64(NONCE) & Base64(BODY)` (§10.1). */
export function normalizedRequestData(input: RequestDataInput): string {
  if (typeof input.method !== "string" || !/^[A-Za-z]+$/.test(input.method)) {
    throw new PowerAuthError("INVALID_FORMAT", "HTTP method must be letters only");
  }
  if (typeof input.uriId !== "string" || input.uriId.length === 0) {
    throw new PowerAuthError("INVALID_FORMAT", "uriId must be a non-empty string");
  }
  if (input.nonce.length !== 16) {
    throw new PowerAuthError("INVALID_LENGTH", `signature nonce must be 16 bytes, got ${input.nonce.length}`);
  }
  const body = typeof input.body === "string" ? utf8(input.body) : input.body;
  return [input.method.toUpperCase(), toBase64(utf8(input.uriId)), toBase64(input.nonce), toBase64(body)].join("&");
}

/**
 * `DATA = UTF8(REQUEST_DATA & secret)`. For online signatures `secret` is the application secret's
 * Base64 TEXT, not its decoded bytes (§2, §19.7); offline signatures use `OFFLINE_SECRET`.
 */
export function signatureData(requestData: string, secret: string): Buffer {
  return utf8(`${requestData}&${secret}`);
}

/** DATA for an online signature (§10.1). */
export function onlineSignatureData(input: RequestDataInput & { applicationSecret: string }): Buffer {
  return signatureData(normalizedRequestData(input), input.applicationSecret);
}

// ---------------------------------------------------------------------------------------------
// Canonical query string (§10.1, body of GET requests)
// ---------------------------------------------------------------------------------------------

/**
 * `application/x-www-form-urlencoded` decoding with Java `URLDecoder` semantics: `+` is a space,
 * runs of `%XX` are UTF-8 bytes (bad UTF-8 becomes U+FFFD), a malformed `%` escape is an error.
 */
function formUrlDecode(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === "+") {
      out += " ";
      i++;
    } else if (char === "%") {
      const bytes: number[] = [];
      while (i < text.length && text[i] === "%") {
        const hex = text.slice(i + 1, i + 3);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
          throw new PowerAuthError("INVALID_FORMAT", `malformed percent escape in query string at position ${i}`);
        }
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      out += Buffer.from(bytes).toString("utf8");
    } else {
      out += char;
      i++;
    }
  }
  return out;
}

/** Java `URLEncoder` rules: alphanumerics and `-_.*` kept, space → `+`, every other UTF-8 byte → `%XX`. */
function formUrlEncode(text: string): string {
  let out = "";
  for (const byte of utf8(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*]/.test(char)) out += char;
    else if (byte === 0x20) out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

type Pair = readonly [string, string];

/** Sort by key, then by value, in plain UTF-16 code-unit order (Java `String.compareTo`); then encode. */
function serializePairs(pairs: Pair[]): string {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...pairs]
    .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]))
    .map(([key, value]) => `${formUrlEncode(key)}=${formUrlEncode(value)}`)
    .join("&");
}

/**
 * The canonical form of a raw query string, used as the signed body of GET requests (§10.1 steps
 * 1–5), exactly like the reference: decode the whole string once, split at `&` and at the first `=`
 * of each pair (pairs without `=` are skipped), decode key and value AGAIN, sort, re-encode, join.
 * A leading `?` is ignored. No parameters give the empty string (an empty signed body).
 *
 * The double decoding means a parameter whose decoded text contains `%`, `+`, `&` or `=` does not
 * survive unchanged; the reference behaves the same, so clients should keep parameters ASCII-safe.
 */
export function canonicalQueryString(rawQuery: string | null | undefined): string {
  if (!rawQuery) return "";
  const query = rawQuery.startsWith("?") ? rawQuery.slice(1) : rawQuery;
  const pairs: Pair[] = [];
  for (const item of formUrlDecode(query).split("&")) {
    const at = item.indexOf("=");
    if (at < 0) continue; // the reference skips items without "="
    pairs.push([formUrlDecode(item.slice(0, at)), formUrlDecode(item.slice(at + 1))]);
  }
  return serializePairs(pairs);
}

/**
 * The device side: the same canonical form built from a parameter map, as the SDK does (sort the
 * plain keys and values, form-encode each). Equals `canonicalQueryString` of the sent query for
 * ASCII-safe parameters (see the caveat there).
 */
export function canonicalQueryFromParams(
  params: Readonly<Record<string, string | readonly string[]>> | Iterable<readonly [string, string]>,
): string {
  const pairs: Pair[] = [];
  const entries =
    Symbol.iterator in params
      ? (params)
      : Object.entries(params as Record<string, string | readonly string[]>);
  for (const [key, value] of entries) {
    for (const one of typeof value === "string" ? [value] : value) pairs.push([key, one]);
  }
  return serializePairs(pairs);
}

// ---------------------------------------------------------------------------------------------
// Signed endpoints (§10.7)
// ---------------------------------------------------------------------------------------------

export interface SignedEndpoint {
  /** The real HTTP path (null when the signature never travels over HTTP, i.e. offline). */
  readonly path: string | null;
  /** The URI id that enters REQUEST_DATA. */
  readonly uriId: string;
  readonly allowedTypes: readonly SignatureType[];
  /** Types allowed only when the deployment enables them (vault unlock with biometry; off by default). */
  readonly optionalTypes?: readonly SignatureType[];
}

const ANY_POSSESSION_BASED = [
  "possession",
  "possession_knowledge",
  "possession_biometry",
  "possession_knowledge_biometry",
] as const satisfies readonly SignatureType[];

export const SIGNED_ENDPOINTS = {
  activationRemove: {
    path: "/pa/v3/activation/remove",
    uriId: "/pa/activation/remove",
    allowedTypes: ["possession_knowledge", "possession_biometry", "possession_knowledge_biometry"],
  },
  tokenCreate: { path: "/pa/v3/token/create", uriId: "/pa/token/create", allowedTypes: ANY_POSSESSION_BASED },
  tokenRemove: { path: "/pa/v3/token/remove", uriId: "/pa/token/remove", allowedTypes: ANY_POSSESSION_BASED },
  vaultUnlock: {
    path: "/pa/v3/vault/unlock",
    uriId: "/pa/vault/unlock",
    allowedTypes: ["possession_knowledge"],
    optionalTypes: ["possession_biometry"],
  },
  signatureValidate: {
    path: "/pa/v3/signature/validate",
    uriId: "/pa/signature/validate",
    allowedTypes: ANY_POSSESSION_BASED,
  },
  upgradeCommit: { path: "/pa/v3/upgrade/commit", uriId: "/pa/upgrade/commit", allowedTypes: ["possession"] },
  recoveryConfirm: {
    path: "/pa/v3/recovery/confirm",
    uriId: "/pa/recovery/confirm",
    allowedTypes: ["possession_knowledge"],
  },
  activationRename: {
    path: "/pa/v3/activation/rename",
    uriId: "/pa/activation/rename",
    allowedTypes: ["possession_knowledge", "possession_biometry"],
  },
  /**
   * Mobile push-token registration (§14): the API document signs it under this URI id, the code
   * takes a token; the server accepts either. `/register/token` takes a token only.
   */
  pushRegister: { path: "/api/push/device/register", uriId: "/push/device/register", allowedTypes: ANY_POSSESSION_BASED },
  /** Mobile Token; each operation narrows these through its `allowedSignatureType` (§14). */
  operationAuthorize: {
    path: "/api/auth/token/app/operation/authorize",
    uriId: "/operation/authorize",
    allowedTypes: ["possession", "possession_knowledge", "possession_biometry"],
  },
  operationCancel: {
    path: "/api/auth/token/app/operation/cancel",
    uriId: "/operation/cancel",
    allowedTypes: ["possession"],
  },
  /**
   * Mobile Token list, detail and claim: the code authenticates them with a token (§14, §19.8); the
   * API document with a signature, under these URI ids. The server accepts either.
   */
  operationList: {
    path: "/api/auth/token/app/operation/list",
    uriId: "/operation/list",
    allowedTypes: ["possession", "possession_knowledge", "possession_biometry"],
  },
  operationDetail: {
    path: "/api/auth/token/app/operation/detail",
    uriId: "/operation/detail",
    allowedTypes: ["possession", "possession_knowledge", "possession_biometry"],
  },
  operationClaim: {
    path: "/api/auth/token/app/operation/detail/claim",
    uriId: "/operation/detail/claim",
    allowedTypes: ["possession", "possession_knowledge", "possession_biometry"],
  },
  operationHistory: {
    path: "/api/auth/token/app/operation/history",
    uriId: "/operation/history",
    allowedTypes: ["possession_knowledge", "possession_biometry"],
  },
  /** Offline QR approval (§13.3): signed on the device, typed in by the user. */
  operationAuthorizeOffline: {
    path: null,
    uriId: "/operation/authorize/offline",
    allowedTypes: ["possession_knowledge", "possession_biometry"],
  },
} as const satisfies Record<string, SignedEndpoint>;

export type SignedEndpointName = keyof typeof SIGNED_ENDPOINTS;

/** The types an endpoint accepts, including its optional ones when the deployment enables them. */
export function allowedSignatureTypes(endpoint: SignedEndpoint, enableOptional = false): readonly SignatureType[] {
  return enableOptional && endpoint.optionalTypes
    ? [...endpoint.allowedTypes, ...endpoint.optionalTypes]
    : endpoint.allowedTypes;
}

export function signedEndpointByUriId(uriId: string): SignedEndpoint | undefined {
  return Object.values(SIGNED_ENDPOINTS).find((endpoint) => endpoint.uriId === uriId);
}

export function signedEndpointByPath(path: string): SignedEndpoint | undefined {
  return Object.values(SIGNED_ENDPOINTS).find((endpoint) => endpoint.path === path);
}
