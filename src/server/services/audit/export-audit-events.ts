/**
 * Exports every audit entry that matches the console's filters, oldest first, as
 * CSV or JSON Lines. The text is produced in batches while the response streams, so an export of
 * millions of entries holds one batch in memory. The export covers the log as it was when it
 * started (up to the newest id then); it is itself audited, before the first byte leaves.
 */
import type { z } from "zod";

import type { ZAuditExportQuery } from "@/schemas/audit";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { EXPORT_CONTENT_TYPES, formatExportHeader, formatExportRow } from "./audit-export-format";
import { type AuditFilter, type AuditPosition, findAuditEntries, resolveAuditFilter } from "./audit-query";
import { recordAuditEvent } from "./record-audit-event";

export type AuditExportInput = z.output<typeof ZAuditExportQuery>;

async function* exportChunks(input: AuditExportInput, filter: AuditFilter, upTo: bigint, batchSize: number): AsyncGenerator<string> {
  const header = formatExportHeader(input.format);
  if (header) yield header;
  let after: AuditPosition | undefined;
  for (;;) {
    const rows = await findAuditEntries(filter, { after, upTo }, "oldest", batchSize);
    if (rows.length > 0) yield rows.map((row) => formatExportRow(input.format, row)).join("");
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export async function exportAuditEvents({
  actor,
  input,
  batchSize = 500,
}: {
  actor: Actor;
  input: AuditExportInput;
  /** Entries per query and per chunk of the response. */
  batchSize?: number;
}) {
  assertCan(actor, "audit.read");
  const { format, ...filterInput } = input;
  const filter = await resolveAuditFilter(filterInput);
  const newest = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  const upTo = newest?.id ?? 0n;

  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor,
      action: "audit.export",
      targetType: "audit",
      targetId: "audit-log",
      after: { format, filter: filterInput, upToId: upTo.toString() },
    }),
  );

  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  return {
    filename: `guardline-audit-${stamp}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    chunks: exportChunks(input, filter, upTo, batchSize),
  };
}
