/**
 * The `PowerAuth key="value", …` syntax shared by the `X-PowerAuth-Authorization` (§10.4) and
 * `X-PowerAuth-Token` (§11.2) headers, plus the field checks both use. Versions and UUIDs are
 * checked by `protocol-version.ts` and `identifiers.ts`.
 */
import { fromBase64 } from "./encoding";
import { PowerAuthError } from "./errors";
import { isUuid } from "./identifiers";

/** Far above any real header; bounds the work spent on hostile input. */
const MAX_HEADER_LENGTH = 4096;

const PREFIX = /^\s*PowerAuth\s+/i;
const FIELD = /([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:"([^"]*)"|([^\s,"]+))/g;

/**
 * Tolerant key/value parsing of the value after `PowerAuth ` (§10.4): any order, any whitespace
 * around `,` and `=`, quoted or bare values; text between pairs is ignored, as in the reference
 * regex. A field given twice is rejected rather than silently taking one of them.
 */
export function parseHeaderFields(value: string, headerName: string): Map<string, string> {
  if (typeof value !== "string" || value.length > MAX_HEADER_LENGTH) {
    throw new PowerAuthError("INVALID_HEADER", `${headerName} is missing or too long`);
  }
  const prefix = PREFIX.exec(value);
  if (!prefix) throw new PowerAuthError("INVALID_HEADER", `${headerName} must start with "PowerAuth "`);
  const fields = new Map<string, string>();
  for (const match of value.slice(prefix[0].length).matchAll(FIELD)) {
    const name = match[1]!;
    if (fields.has(name)) throw new PowerAuthError("INVALID_HEADER", `${headerName}: field ${name} appears twice`);
    fields.set(name, match[2] ?? match[3] ?? "");
  }
  return fields;
}

/** Writes fields the way the SDK does: `PowerAuth a="1", b="2"` on one line. */
export function formatHeaderFields(fields: readonly (readonly [string, string])[]): string {
  return `PowerAuth ${fields.map(([name, value]) => `${name}="${value}"`).join(", ")}`;
}

export function requireField(fields: Map<string, string>, name: string, headerName: string): string {
  const value = fields.get(name);
  if (value === undefined || value === "") {
    throw new PowerAuthError("INVALID_HEADER", `${headerName}: field ${name} is missing`);
  }
  return value;
}

export function requireUuid(value: string, what: string): string {
  if (!isUuid(value)) throw new PowerAuthError("INVALID_HEADER", `${what} must be a UUID`);
  return value;
}

/** A Base64 field of `length` decoded bytes; a bad one is `INVALID_HEADER`, with the Base64 error's message. */
export function requireBase64Field(
  value: string,
  field: string,
  length: number | readonly number[],
  headerName: string,
): Buffer {
  try {
    return fromBase64(value, field, length);
  } catch (error) {
    const detail = error instanceof PowerAuthError ? error.message : "invalid";
    throw new PowerAuthError("INVALID_HEADER", `${headerName}: ${detail}`);
  }
}
