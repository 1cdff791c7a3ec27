/**
 * One page of the audit log for the console, newest first, with keyset paging: a page starts
 * next to a cursor (an entry id) instead of skipping rows and counting the whole log, so the cost
 * of a page does not grow with the log. `before` pages towards older entries, `after` towards
 * newer ones.
 */
import { AppError } from "@/server/errors";
import type { z } from "zod";

import type { ZAuditListInput } from "@/schemas/audit";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { type AuditEntryRow, type AuditPosition, findAuditEntries, findAuditPosition, hasAuditEntries, resolveAuditFilter } from "./audit-query";

export type AuditListInput = z.output<typeof ZAuditListInput>;

function toListItem(row: AuditEntryRow) {
  return {
    id: row.id.toString(),
    createdAt: row.createdAt,
    actorType: row.actorType,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    /** The target's current name (staff e-mail, credential user name), or null when there is none. */
    targetLabel: row.targetLabel,
    targetDetail: row.targetDetail,
    applicationId: row.applicationId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    hash: row.hash,
    hashVersion: row.hashVersion,
  };
}

export async function listAuditEvents({ actor, input }: { actor: Actor; input: AuditListInput }) {
  assertCan(actor, "audit.read");
  const { before, after, pageSize, ...filterInput } = input;
  const filter = await resolveAuditFilter(filterInput);
  const cursorId = before ?? after;
  let cursor: AuditPosition | undefined;
  if (cursorId !== undefined) {
    const found = await findAuditPosition(BigInt(cursorId));
    if (!found) throw new AppError("ERROR_REQUEST", `There is no audit entry ${cursorId} to page from; start again from the newest entries.`);
    cursor = found;
  }
  const positionOf = (row: AuditEntryRow): AuditPosition => ({ createdAt: row.createdAt, id: row.id });

  let rows: AuditEntryRow[];
  let hasNewer: boolean;
  let hasOlder: boolean;
  if (after) {
    const found = await findAuditEntries(filter, { after: cursor }, "oldest", pageSize + 1);
    rows = found.slice(0, pageSize).reverse();
    hasNewer = found.length > pageSize;
    hasOlder = rows.length > 0 && (await hasAuditEntries(filter, { before: positionOf(rows.at(-1)!) }));
  } else {
    const found = await findAuditEntries(filter, { before: cursor }, "newest", pageSize + 1);
    rows = found.slice(0, pageSize);
    hasOlder = found.length > pageSize;
    hasNewer = cursor !== undefined && rows.length > 0 && (await hasAuditEntries(filter, { after: positionOf(rows[0]!) }));
  }

  return {
    items: rows.map(toListItem),
    /** Pass as `after` for the newer page, or null when this page holds the newest entries. */
    newerCursor: hasNewer ? rows[0]!.id.toString() : null,
    /** Pass as `before` for the older page, or null when this page holds the oldest entries. */
    olderCursor: hasOlder ? rows.at(-1)!.id.toString() : null,
  };
}
