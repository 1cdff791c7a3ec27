/**
 * Secrets at rest (master private keys, later server keys, token secrets, push and callback
 * credentials): AES-256-GCM under SECRETS_ENCRYPTION_KEY. Each sealed value is bound to a context
 * string (e.g. "master-key:MY_APP") through the GCM associated data, so a ciphertext copied into
 * another row does not open there.
 *
 * Format: `v1.<iv base64url>.<ciphertext||tag base64url>`.
 */
import crypto from "node:crypto";

import { getEnv } from "@/env";

const VERSION = "v1";

function key(): Buffer {
  return Buffer.from(getEnv().SECRETS_ENCRYPTION_KEY, "base64").subarray(0, 32);
}

export function sealSecret(plaintext: Uint8Array | string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const data = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
  const sealed = Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

export class SecretBoxError extends Error {
  override readonly name = "SecretBoxError";
}

export function openSecret(sealed: string, context: string): Buffer {
  const [version, ivText, dataText] = sealed.split(".");
  if (version !== VERSION || !ivText || !dataText) throw new SecretBoxError("Unknown sealed secret format");
  const iv = Buffer.from(ivText, "base64url");
  const data = Buffer.from(dataText, "base64url");
  if (iv.length !== 12 || data.length < 16) throw new SecretBoxError("Malformed sealed secret");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(), iv);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  } catch {
    // Wrong key (SECRETS_ENCRYPTION_KEY changed) or a value moved to another row.
    throw new SecretBoxError(`Sealed secret does not open for ${context}`);
  }
}

export function openSecretText(sealed: string, context: string): string {
  return openSecret(sealed, context).toString("utf8");
}
