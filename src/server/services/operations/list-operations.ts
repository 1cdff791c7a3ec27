/**
 * Operations for the console (staff) and the CLI, newest first, one keyset page at a time
 * (created time, then id), with filters by application, user, status (as reported: EXPIRED
 * includes unswept PENDING ones past their expiry), template and creation time. A page never costs
 * more than its size, however deep it is. Summaries carry the failure count and the reported status.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { OperationStatus } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { OPERATION_SELECT, operationScope, toCloudOperation, type CloudOperation, type OperationRow } from "./operation-views";

export const MAX_OPERATION_PAGE_SIZE = 500;

export interface OperationFilter {
  applicationId?: string | null;
  userId?: string;
  status?: OperationStatus;
  template?: string;
  externalId?: string;
  createdFrom?: Date;
  createdTo?: Date;
}

export interface OperationSummary extends CloudOperation {
  applicationId: string;
  externalId?: string;
  language: string;
  statusReason: string | null;
  timestampFinished: number | null;
}

export function toOperationSummary(row: OperationRow, now = new Date()): OperationSummary {
  return {
    ...toCloudOperation(row, "status", now),
    applicationId: row.applicationId,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    language: row.language,
    statusReason: row.statusReason,
    timestampFinished: row.finishedAt?.getTime() ?? null,
  };
}

function encodeCursor(row: Pick<OperationRow, "createdAt" | "id">): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError("ERROR_REQUEST", "Invalid method parameter value", { violations: [{ fieldName: "cursor", hint: "is not a cursor this list returned" }] });
  }
  return { createdAt, id };
}

/** The reported status as a where clause: PENDING means not yet expired; EXPIRED includes the unswept ones. */
function statusWhere(status: OperationStatus, now: Date): Prisma.OperationWhereInput {
  if (status === "PENDING") return { status: "PENDING", expiresAt: { gt: now } };
  if (status === "EXPIRED") return { OR: [{ status: "EXPIRED" }, { status: "PENDING", expiresAt: { lte: now } }] };
  return { status };
}

export async function listOperations({
  actor,
  filter = {},
  cursor,
  limit = 50,
}: {
  actor: Actor;
  filter?: OperationFilter;
  cursor?: string;
  limit?: number;
}): Promise<{ items: OperationSummary[]; nextCursor: string | null }> {
  assertCan(actor, "operations.read");
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_OPERATION_PAGE_SIZE);
  const after = cursor ? decodeCursor(cursor) : null;
  const now = new Date();
  const and: Prisma.OperationWhereInput[] = [
    operationScope(actor, filter.applicationId),
    ...(filter.userId !== undefined ? [{ userId: filter.userId }] : []),
    ...(filter.status ? [statusWhere(filter.status, now)] : []),
    ...(filter.template ? [{ templateName: filter.template }] : []),
    ...(filter.externalId ? [{ externalId: filter.externalId }] : []),
    ...(filter.createdFrom ? [{ createdAt: { gte: filter.createdFrom } }] : []),
    ...(filter.createdTo ? [{ createdAt: { lt: filter.createdTo } }] : []),
    ...(after ? [{ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] : []),
  ];
  const rows = await db.operation.findMany({ where: { AND: and }, select: OPERATION_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: take + 1 });
  const page = rows.slice(0, take);
  return { items: page.map((row) => toOperationSummary(row, now)), nextCursor: rows.length > take ? encodeCursor(page.at(-1)!) : null };
}
