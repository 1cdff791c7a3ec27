/**
 * Checks a provider credential when it is set, so a bad key fails at the admin call instead of at
 * the first push: the key parses as the provider needs it and a JWT of the provider's kind can be
 * signed with it (node:crypto only). Pure functions; each returns what may be stored and shown
 * (settings) and the secret to seal, or throws a CredentialValidationError naming the field.
 *
 * - APNs (token-based provider auth): a .p8 key, i.e. a PKCS#8 EC P-256 private key (PEM, or its
 *   DER), signing an ES256 JWT {iss: teamId, iat} with header {alg, kid: keyId}; key and team IDs
 *   are Apple's 10 upper-case letters or digits; the topic is a bundle ID (reverse DNS).
 * - FCM HTTP v1: a Google service-account JSON with project_id, client_email and an RSA
 *   private_key, signing an RS256 JWT for the OAuth token exchange.
 * - HMS: project ID, OAuth client ID and secret (client-credentials grant); nothing to sign.
 */
import crypto from "node:crypto";

export class CredentialValidationError extends Error {
  override readonly name = "CredentialValidationError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type ApnsEnvironment = "development" | "production";

export interface ApnsSettings {
  topic: string;
  keyId: string;
  teamId: string;
  environment: ApnsEnvironment;
}

export interface FcmSettings {
  projectId: string;
  clientEmail: string;
}

export interface HmsSettings {
  projectId: string;
  appId: string | null;
  clientId: string;
}

export interface ValidatedCredential<TSettings> {
  settings: TSettings;
  /** What is sealed at rest: the PEM key, the service-account JSON, the client secret. */
  secret: string;
}

export const APPLE_ID_PATTERN = /^[A-Z0-9]{10}$/;
export const BUNDLE_ID_PATTERN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PROVIDER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
const MAX_KEY_FILE_BYTES = 16 * 1024;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/** Decodes `privateKeyBase64` (the whole key file, Base64), refusing anything that is not Base64. */
export function decodeKeyFile(field: string, value: string): Buffer {
  if (!BASE64_PATTERN.test(value)) throw new CredentialValidationError(field, `${field} must be the Base64 encoded content of the key file`);
  const bytes = Buffer.from(value, "base64");
  if (bytes.length === 0) throw new CredentialValidationError(field, `${field} must not be empty`);
  if (bytes.length > MAX_KEY_FILE_BYTES) throw new CredentialValidationError(field, `${field} is larger than a key file can be`);
  return bytes;
}

function parsePrivateKey(field: string, bytes: Buffer): crypto.KeyObject {
  const text = bytes.toString("utf8");
  try {
    return text.includes("-----BEGIN") ? crypto.createPrivateKey({ key: text, format: "pem" }) : crypto.createPrivateKey({ key: bytes, format: "der", type: "pkcs8" });
  } catch {
    throw new CredentialValidationError(field, `${field} does not contain a readable private key`);
  }
}

/** Signs a JWT as the provider would receive it; throws when the key cannot sign. */
export function signJwt(key: crypto.KeyObject, alg: "ES256" | "RS256", header: Record<string, string>, claims: Record<string, unknown>): string {
  const input = `${base64url(JSON.stringify({ alg, typ: "JWT", ...header }))}.${base64url(JSON.stringify(claims))}`;
  const signature = alg === "ES256" ? crypto.sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" }) : crypto.sign("sha256", Buffer.from(input), key);
  return `${input}.${base64url(signature)}`;
}

export function parseApnsEnvironment(value: string | null | undefined): ApnsEnvironment {
  // Null means "as the server is configured" in the Push Server document; the reference's
  // default is the development environment (apns.useDevelopment=true).
  if (value === null || value === undefined) return "development";
  const lower = value.toLowerCase();
  if (lower === "development" || lower === "production") return lower;
  throw new CredentialValidationError("environment", "environment must be development or production");
}

export function validateApnsCredential(input: { topic: string; keyId: string; teamId: string; environment?: string | null; privateKeyBase64: string }, now = Date.now()): ValidatedCredential<ApnsSettings> {
  if (!BUNDLE_ID_PATTERN.test(input.topic) || input.topic.length > 155) throw new CredentialValidationError("topic", "topic must be the application's bundle ID, e.g. com.example.app");
  if (!APPLE_ID_PATTERN.test(input.keyId)) throw new CredentialValidationError("keyId", "keyId must be the 10-character key ID of the .p8 key (letters A-Z and digits)");
  if (!APPLE_ID_PATTERN.test(input.teamId)) throw new CredentialValidationError("teamId", "teamId must be the 10-character Apple team ID (letters A-Z and digits)");
  const environment = parseApnsEnvironment(input.environment);
  const key = parsePrivateKey("privateKeyBase64", decodeKeyFile("privateKeyBase64", input.privateKeyBase64));
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new CredentialValidationError("privateKeyBase64", "privateKeyBase64 must be an APNs .p8 key (an EC P-256 private key)");
  }
  signJwt(key, "ES256", { kid: input.keyId }, { iss: input.teamId, iat: Math.floor(now / 1000) });
  const pem = key.export({ format: "pem", type: "pkcs8" }).toString();
  return { settings: { topic: input.topic, keyId: input.keyId, teamId: input.teamId, environment }, secret: pem };
}

export function validateFcmCredential(input: { projectId?: string | null; privateKeyBase64: string }, now = Date.now()): ValidatedCredential<FcmSettings> {
  const bytes = decodeKeyFile("privateKeyBase64", input.privateKeyBase64);
  let account: unknown;
  try {
    account = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new CredentialValidationError("privateKeyBase64", "privateKeyBase64 must be the service-account JSON file from the Firebase console");
  }
  const field = (name: string): string => {
    const value = typeof account === "object" && account !== null ? (account as Record<string, unknown>)[name] : undefined;
    if (typeof value !== "string" || value === "") throw new CredentialValidationError("privateKeyBase64", `The service-account JSON has no ${name}`);
    return value;
  };
  const projectId = field("project_id");
  const clientEmail = field("client_email");
  const key = parsePrivateKey("privateKeyBase64", Buffer.from(field("private_key"), "utf8"));
  if (key.asymmetricKeyType !== "rsa") throw new CredentialValidationError("privateKeyBase64", "The service-account private_key must be an RSA key");
  const iat = Math.floor(now / 1000);
  signJwt(key, "RS256", {}, { iss: clientEmail, scope: "https://www.googleapis.com/auth/firebase.messaging", aud: "https://oauth2.googleapis.com/token", iat, exp: iat + 3600 });
  const chosen = input.projectId ?? projectId;
  if (!PROVIDER_ID_PATTERN.test(chosen)) throw new CredentialValidationError("projectId", "projectId must be a Firebase project ID");
  return { settings: { projectId: chosen, clientEmail }, secret: bytes.toString("utf8") };
}

export function validateHmsCredential(input: { projectId: string; appId?: string | null; clientId: string; clientSecret: string }): ValidatedCredential<HmsSettings> {
  if (!PROVIDER_ID_PATTERN.test(input.projectId)) throw new CredentialValidationError("projectId", "projectId must be the HMS project ID");
  if (input.appId !== undefined && input.appId !== null && !PROVIDER_ID_PATTERN.test(input.appId)) throw new CredentialValidationError("appId", "appId must be the HMS application ID");
  if (!PROVIDER_ID_PATTERN.test(input.clientId)) throw new CredentialValidationError("clientId", "clientId must be the HMS OAuth 2.0 client ID");
  if (!/^[\x21-\x7e]{1,512}$/.test(input.clientSecret)) throw new CredentialValidationError("clientSecret", "clientSecret must be the HMS OAuth 2.0 client secret (printable characters, no spaces)");
  return { settings: { projectId: input.projectId, appId: input.appId ?? null, clientId: input.clientId }, secret: input.clientSecret };
}
