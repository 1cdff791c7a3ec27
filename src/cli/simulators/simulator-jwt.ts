/**
 * JWT checks the APNs and FCM simulators make, as Apple and Google do: a compact JWS whose header
 * names the algorithm (ES256 for APNs provider tokens, RS256 for Google service-account
 * assertions) and whose signature verifies with the registered public key.
 */
import crypto from "node:crypto";

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function decodeJwt(jwt: string): DecodedJwt | null {
  const parts = jwt.split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return null;
  const header = decodePart(parts[0]!);
  const claims = decodePart(parts[1]!);
  if (header === null || claims === null) return null;
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, "base64url") };
}

export function verifyJwtSignature(jwt: DecodedJwt, alg: "ES256" | "RS256", key: crypto.KeyObject): boolean {
  if (jwt.header.alg !== alg) return false;
  const input = Buffer.from(jwt.signingInput);
  try {
    return alg === "ES256" ? crypto.verify("sha256", input, { key, dsaEncoding: "ieee-p1363" }, jwt.signature) : crypto.verify("sha256", input, key, jwt.signature);
  } catch {
    return false;
  }
}

/** A public key from a PEM public key, or the public half of a PEM private key. */
export function toPublicKey(pem: string | crypto.KeyObject): crypto.KeyObject {
  if (typeof pem !== "string") return pem.type === "private" ? crypto.createPublicKey(pem) : pem;
  return pem.includes("PRIVATE KEY") ? crypto.createPublicKey(crypto.createPrivateKey(pem)) : crypto.createPublicKey(pem);
}
