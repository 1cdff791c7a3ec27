/**
 * Reads a JSON request body with a size cap. Wrong content type or charset, bytes that are not
 * UTF-8, malformed JSON and NUL characters (PostgreSQL cannot store them in text, so every route
 * refuses them here, naming the field) are ERROR_REQUEST-family errors with their proper status.
 */
import { AppError } from "@/server/errors";

import { checkDeclaredLength, type RestRequest } from "./rest-request";
import { fieldName } from "./violations";

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

export async function readJsonBody(request: RestRequest, maxBytes: number): Promise<{ present: boolean; value: unknown; raw: Buffer }> {
  checkDeclaredLength(request, maxBytes);
  const raw = await request.body(maxBytes);
  const text = decodeUtf8(raw);
  if (text.trim() === "") return { present: false, value: undefined, raw };

  const contentType = request.header("content-type") ?? "";
  if (!JSON_TYPE.test(contentType)) {
    throw new AppError("ERROR_REQUEST", `Content type '${contentType || "(none)"}' is not supported; send application/json`, { status: 415 });
  }
  const charset = CHARSET.exec(contentType)?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new AppError("ERROR_REQUEST", `Charset '${charset}' is not supported; send UTF-8 JSON`, { status: 415 });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("ERROR_REQUEST", "Malformed JSON request body");
  }
  if (text.includes("\\u0000") || text.includes("\0")) rejectNul(value, []);
  return { present: true, value, raw };
}

export function decodeUtf8(raw: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new AppError("ERROR_REQUEST", "Request body is not valid UTF-8");
  }
}

/** Finds the first string (or key) with a NUL character and names its field. */
function rejectNul(value: unknown, path: PropertyKey[]): void {
  if (typeof value === "string") {
    if (value.includes("\0")) throw nulViolation(path);
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => rejectNul(item, [...path, index]));
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    if (key.includes("\0")) throw nulViolation(path);
    rejectNul(member, [...path, key]);
  }
}

function nulViolation(path: PropertyKey[]): AppError {
  return new AppError("ERROR_REQUEST", "Invalid method parameter value", {
    violations: [{ fieldName: fieldName(path), hint: "must not contain the NUL character (\\u0000)" }],
  });
}
