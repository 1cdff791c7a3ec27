/**
 * `OPERATION_DATA`, the compact description of an operation shown in offline QR codes and signed
 * by the device (powerauth-protocol.md §13.2): `A1*A100CZK*ICZ27…*D20180425`.
 */
import { PowerAuthError } from "../core/errors";

export type OperationDataField =
  | { type: "EMPTY" }
  | { type: "AMOUNT"; amount: string; currency: string }
  | { type: "ACCOUNT"; iban: string; bic: string | null }
  | { type: "ANY_ACCOUNT"; account: string }
  | { type: "DATE"; date: string }
  | { type: "REFERENCE"; text: string }
  | { type: "NOTE"; text: string }
  | { type: "TEXT"; text: string }
  /** Unknown prefixes are kept as text, for forward compatibility. */
  | { type: "OTHER"; prefix: string; text: string };

export interface OperationData {
  /** `A` is version 1, the only one defined. */
  version: "A";
  /** 0 generic, 1 payment, 2 login; 0–99 allowed. */
  templateId: number;
  fields: OperationDataField[];
  source: string;
}

/** Version A allows 5 fields after the header; Wultra's JS parser tolerates 6 (§13.2). */
export const MAX_OPERATION_DATA_FIELDS = 5;

function invalid(message: string): PowerAuthError {
  return new PowerAuthError("INVALID_FORMAT", `operation data: ${message}`);
}

/** Splits at unescaped `*`; escape pairs (`\*`, `\\`, `\n`) are kept for `unescapeField`. */
export function splitOperationData(text: string): string[] {
  const fields: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\\" && i + 1 < text.length) {
      current += char + text[i + 1];
      i++;
    } else if (char === "*") {
      fields.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  fields.push(current);
  return fields;
}

function unescapeField(text: string): string {
  return text.replace(/\\([\s\S])/g, (_, char: string) => (char === "n" ? "\n" : char));
}

/** Escapes free text for a field: `\` → `\\`, `*` → `\*`, newline → `\n`. */
export function escapeOperationDataText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\*/g, "\\*").replace(/\n/g, "\\n");
}

function isValidDate(text: string): boolean {
  if (!/^[0-9]{8}$/.test(text)) return false;
  const [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseField(raw: string): OperationDataField {
  if (raw.length === 0) return { type: "EMPTY" };
  const prefix = raw[0]!;
  const value = raw.slice(1);
  switch (prefix) {
    case "A": {
      const match = /^([0-9]+(?:\.[0-9]+)?)([A-Z]{3})$/.exec(value);
      if (!match) throw invalid(`amount '${value}' must be a decimal number followed by an ISO 4217 code`);
      return { type: "AMOUNT", amount: match[1]!, currency: match[2]! };
    }
    case "I": {
      const match = /^([0-9A-Z]+)(?:,([0-9A-Z]+))?$/.exec(value);
      if (!match) throw invalid(`account '${value}' must be IBAN[,BIC] in upper-case letters and digits`);
      return { type: "ACCOUNT", iban: match[1]!, bic: match[2] ?? null };
    }
    case "D":
      if (!isValidDate(value)) throw invalid(`date '${value}' must be a valid YYYYMMDD`);
      return { type: "DATE", date: value };
    case "Q":
      return { type: "ANY_ACCOUNT", account: unescapeField(value) };
    case "R":
      return { type: "REFERENCE", text: unescapeField(value) };
    case "N":
      return { type: "NOTE", text: unescapeField(value) };
    case "T":
      return { type: "TEXT", text: unescapeField(value) };
    default:
      return { type: "OTHER", prefix, text: unescapeField(value) };
  }
}

/** Parses and validates OPERATION_DATA; any violation is `INVALID_FORMAT`. */
export function parseOperationData(text: string, maxFields = MAX_OPERATION_DATA_FIELDS): OperationData {
  if (typeof text !== "string" || /[\u0000-\u001f]/.test(text)) throw invalid("must be text without control characters");
  const [header, ...rest] = splitOperationData(text);
  const match = /^([A-Z])([0-9]{1,2})$/.exec(header ?? "");
  if (!match) throw invalid(`header '${header ?? ""}' must be a version letter and a template number 0–99`);
  if (match[1] !== "A") throw invalid(`unsupported version '${match[1]}'`);
  if (rest.length > maxFields) throw invalid(`at most ${maxFields} fields are allowed, got ${rest.length}`);
  return { version: "A", templateId: Number(match[2]), fields: rest.map(parseField), source: text };
}

/** Builds OPERATION_DATA from a template id and already formatted fields (`A100CZK`, `D20180425`, …). */
export function buildOperationData(templateId: number, fields: readonly string[]): string {
  if (!Number.isInteger(templateId) || templateId < 0 || templateId > 99) throw invalid("template id must be 0–99");
  const text = [`A${templateId}`, ...fields].join("*");
  parseOperationData(text); // reject anything a device could not parse
  return text;
}
