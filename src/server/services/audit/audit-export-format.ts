/**
 * How exported audit entries are written. JSON Lines carries the exact values (one entry per line,
 * ids as strings since they are 64-bit). CSV (RFC 4180, CRLF) is for spreadsheets, so a cell that
 * a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading
 * apostrophe; before/after are JSON text in their cells. Both carry the hashes, so a reader can
 * follow the links of an unfiltered export without the database.
 */
import type { AuditExportFormat } from "@/schemas/audit";

import type { AuditEntryRow } from "./audit-query";

export const EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
};

function toRecord(row: AuditEntryRow) {
  return {
    id: row.id.toString(),
    createdAt: row.createdAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: row.targetLabel,
    applicationId: row.applicationId,
    requestId: row.requestId,
    before: row.before ?? null,
    after: row.after ?? null,
    hashVersion: row.hashVersion,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

type ExportRecord = ReturnType<typeof toRecord>;

const CSV_COLUMNS: readonly (keyof ExportRecord)[] = [
  "id",
  "createdAt",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "targetName",
  "applicationId",
  "requestId",
  "before",
  "after",
  "hashVersion",
  "prevHash",
  "hash",
];

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  // What is left after the string and object cases is a number, boolean or bigint.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  let text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatExportHeader(format: AuditExportFormat): string {
  return format === "csv" ? `${CSV_COLUMNS.join(",")}\r\n` : "";
}

export function formatExportRow(format: AuditExportFormat, row: AuditEntryRow): string {
  const record = toRecord(row);
  if (format === "jsonl") return `${JSON.stringify(record)}\n`;
  return `${CSV_COLUMNS.map((column) => csvCell(record[column])).join(",")}\r\n`;
}
