/**
 * zod issues → the documents' `violations`: `fieldName` (a dotted path with [index] for arrays),
 * `invalidValue` (the offending primitive, never for secret-looking fields) and `hint`.
 */
import type { z } from "zod";

import type { Violation } from "@/server/errors";

const SECRET_FIELD = /password|secret|privatekey|token|otp/i;

export function fieldName(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "body";
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** One violation per field: the first problem found (an empty id is "must not be empty", not also "bad pattern"). */
export function toViolations(error: z.ZodError, input: unknown): Violation[] {
  const seen = new Set<string>();
  const firstPerField = error.issues.filter((issue) => {
    const name = fieldName(issue.path);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  return firstPerField.map((issue) => {
    const name = fieldName(issue.path);
    const value = valueAt(input, issue.path);
    const shown = typeof value === "string" ? (value.length > 100 ? `${value.slice(0, 100)}…` : value) : value;
    const showable =
      !SECRET_FIELD.test(name) &&
      (typeof shown === "string" || typeof shown === "number" || typeof shown === "boolean" || shown === null);
    // Members in the documents' order: fieldName, invalidValue, hint.
    return showable ? { fieldName: name, invalidValue: shown, hint: issue.message } : { fieldName: name, hint: issue.message };
  });
}
