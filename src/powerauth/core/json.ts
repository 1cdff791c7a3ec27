/**
 * Strict JSON helpers for protocol payloads. `JSON.parse` throws a bare `SyntaxError` and accepts
 * invalid UTF-8 silently; everything here fails with a `PowerAuthError` that names the field, so
 * no unexplained exception leaves the library.
 */
import type { Bytes } from "./encoding";
import { PowerAuthError } from "./errors";

export type JsonObject = Record<string, unknown>;

const UTF8 = new TextDecoder("utf-8", { fatal: true });

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses JSON text (or UTF-8 bytes) that must hold an object. */
export function parseJsonObject(data: string | Bytes, what: string): JsonObject {
  let text: string;
  if (typeof data === "string") {
    text = data;
  } else {
    try {
      text = UTF8.decode(data);
    } catch {
      throw new PowerAuthError("INVALID_FORMAT", `${what} is not valid UTF-8`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PowerAuthError("INVALID_FORMAT", `${what} is not valid JSON`);
  }
  if (!isJsonObject(value)) throw new PowerAuthError("INVALID_FORMAT", `${what} must be a JSON object`);
  return value;
}

/** Accepts an already parsed object, or JSON text/bytes holding one. */
export function toJsonObject(value: unknown, what: string): JsonObject {
  if (typeof value === "string" || value instanceof Uint8Array) return parseJsonObject(value, what);
  if (!isJsonObject(value)) throw new PowerAuthError("INVALID_FORMAT", `${what} must be a JSON object`);
  return value;
}

/** JSON serialised to UTF-8 bytes, the form every encrypted payload takes (§5.5). */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

export function requiredString(object: JsonObject, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== "string" || value.length === 0) {
    throw new PowerAuthError("INVALID_FORMAT", `${what}.${key} must be a non-empty string`);
  }
  return value;
}

/** A string member that may be absent or `null` (Java serialises missing optionals as null). */
export function optionalString(object: JsonObject, key: string, what: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new PowerAuthError("INVALID_FORMAT", `${what}.${key} must be a string`);
  return value;
}

export function optionalObject(object: JsonObject, key: string, what: string): JsonObject | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw new PowerAuthError("INVALID_FORMAT", `${what}.${key} must be an object`);
  return value;
}
