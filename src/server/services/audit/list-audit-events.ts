/**
 * The audit log for the console: filters, newest first, server-side paging.
 */
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export interface AuditFilter {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  applicationId?: string;
  from?: Date;
  to?: Date;
}

export async function listAuditEvents({
  actor,
  filter,
  page,
  pageSize,
}: {
  actor: Actor;
  filter: AuditFilter;
  page: number;
  pageSize: number;
}) {
  assertCan(actor, "audit.read");
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.actor ? { actorLabel: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.targetType ? { targetType: filter.targetType } : {}),
    ...(filter.targetId ? { targetId: { contains: filter.targetId } } : {}),
    ...(filter.applicationId ? { applicationId: filter.applicationId } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map((row) => ({
      id: row.id.toString(),
      createdAt: row.createdAt,
      actorType: row.actorType,
      actorLabel: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      applicationId: row.applicationId,
      before: row.before,
      after: row.after,
      requestId: row.requestId,
      hash: row.hash,
    })),
  };
}

export async function getLatestAuditVerification({ actor }: { actor: Actor }) {
  assertCan(actor, "audit.read");
  const row = await db.auditVerification.findFirst({ orderBy: { verifiedAt: "desc" } });
  return row && { ...row, brokenAtId: row.brokenAtId?.toString() ?? null };
}
