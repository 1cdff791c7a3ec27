/**
 * The per-user support page (issue 9 §5): for one user ID, every registration status change,
 * operation status change and verification result on one timeline, newest first, one bounded
 * page at a time — what a call-centre agent reads while the customer is on the phone.
 *
 * Three append-only tables, each read through its own (user_id, created_at DESC, id DESC) index
 * with a LIMIT, then merged: a page never reads more than three pages' worth of rows however long
 * the customer's history is. Rows are ordered by (created_at, source, id); the cursor is that
 * triple, so paging is exact even when rows of two tables share a millisecond.
 *
 * Operations are built elsewhere; this reads `operation_history` on its own (read-only), so the
 * timeline shows them as soon as operations are written.
 */
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export const TIMELINE_SOURCES = ["registration", "operation", "verification"] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

/** The sort rank of each source within one millisecond (higher first, as newest first). */
const RANK: Record<TimelineSource, number> = { verification: 3, operation: 2, registration: 1 };

export interface TimelineEntry {
  /** `source:id`, unique across the timeline. */
  key: string;
  source: TimelineSource;
  createdAt: Date;
  applicationId: string;
  registrationId: string | null;
  operationId: string | null;
  /** Status changes: from (null at creation) and to. */
  fromStatus: string | null;
  toStatus: string | null;
  /** Verifications: SIGNATURE, OFFLINE or TOKEN, the factors, and the result. */
  kind: string | null;
  signatureType: string | null;
  valid: boolean | null;
  /** Why (a block reason, MAX_FAILED_ATTEMPTS…), or a verification's note (signature_does_not_match…). */
  reason: string | null;
  /** Verifications: the signed request's method and URI id (never its body). */
  request: string | null;
  actorType: string | null;
  actorLabel: string | null;
}

interface Position {
  createdAt: Date;
  rank: number;
  id: bigint;
}

function encodeCursor(position: Position): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.rank}|${position.id}`).toString("base64url");
}

function decodeCursor(cursor: string): Position {
  const [iso, rank, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (Number.isNaN(createdAt.getTime()) || !/^[1-3]$/.test(rank ?? "") || !/^\d{1,19}$/.test(id ?? "")) {
    throw new AppError("ERROR_REQUEST", "Invalid method parameter value", { violations: [{ fieldName: "cursor", hint: "is not a cursor this timeline returned" }] });
  }
  return { createdAt, rank: Number(rank), id: BigInt(id!) };
}

/**
 * Rows of one source older than the cursor in (created_at, rank, id) order. Within the source the
 * rank is fixed, so the condition folds to one on (created_at, id), which the index serves.
 */
function olderThan(source: TimelineSource, cursor: Position | null, alias: string): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const createdAt = Prisma.raw(`${alias}.created_at`);
  const id = Prisma.raw(`${alias}.id`);
  const rank = RANK[source];
  if (rank < cursor.rank) return Prisma.sql`${createdAt} <= ${cursor.createdAt}`;
  if (rank > cursor.rank) return Prisma.sql`${createdAt} < ${cursor.createdAt}`;
  return Prisma.sql`(${createdAt}, ${id}) < (${cursor.createdAt}, ${cursor.id})`;
}

const scoped = (alias: string, applicationId: string | null) =>
  applicationId ? Prisma.sql`AND ${Prisma.raw(`${alias}.application_id`)} = ${applicationId}` : Prisma.empty;

export const MAX_TIMELINE_PAGE = 200;

export async function listUserTimeline({
  actor,
  userId,
  applicationId = null,
  cursor,
  limit = 50,
}: {
  actor: Actor;
  userId: string;
  applicationId?: string | null;
  /** The `nextCursor` of the previous page: continue with older entries. */
  cursor?: string;
  limit?: number;
}): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  // Staff only (the console): the timeline spans applications, which no credential may.
  if (actor.type === "CREDENTIAL") throw forbidden("The support timeline is for staff");
  assertCan(actor, "registrations.read");
  assertCan(actor, "operations.read");
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_TIMELINE_PAGE);
  const after = cursor ? decodeCursor(cursor) : null;
  const each = take + 1;

  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM (
      (SELECT 'registration' AS source, h.id, h.created_at, h.application_id, h.registration_id::text AS registration_id, NULL::text AS operation_id,
              h.from_status::text AS from_status, h.to_status::text AS to_status, NULL::text AS kind, NULL::text AS signature_type, NULL::boolean AS valid,
              h.reason, NULL::text AS request, h.actor_type::text AS actor_type, h.actor_label
         FROM registration_history h
        WHERE h.user_id = ${userId} ${scoped("h", applicationId)} AND ${olderThan("registration", after, "h")}
        ORDER BY h.created_at DESC, h.id DESC LIMIT ${each})
      UNION ALL
      (SELECT 'operation', o.id, o.created_at, o.application_id, o.registration_id::text, o.operation_id::text,
              o.from_status::text, o.to_status::text, NULL, NULL, NULL,
              o.reason, NULL, o.actor_type::text, o.actor_label
         FROM operation_history o
        WHERE o.user_id = ${userId} ${scoped("o", applicationId)} AND ${olderThan("operation", after, "o")}
        ORDER BY o.created_at DESC, o.id DESC LIMIT ${each})
      UNION ALL
      (SELECT 'verification', s.id, s.created_at, s.application_id, s.registration_id::text, NULL,
              NULL, NULL, s.kind, s.signature_type, s.valid,
              s.note, split_part(s.data, E'\\n', 1) || ' ' || split_part(s.data, E'\\n', 2), NULL, NULL
         FROM signature_event s
        WHERE s.user_id = ${userId} ${scoped("s", applicationId)} AND ${olderThan("verification", after, "s")}
        ORDER BY s.created_at DESC, s.id DESC LIMIT ${each})
    ) AS t
    ORDER BY created_at DESC, CASE source WHEN 'verification' THEN 3 WHEN 'operation' THEN 2 ELSE 1 END DESC, id DESC
    LIMIT ${each}`;

  const entries = rows.map((row): TimelineEntry & { id: bigint } => {
    const source = row.source as TimelineSource;
    const id = BigInt(row.id as bigint | number | string);
    const request = typeof row.request === "string" ? row.request.trim() : null;
    return {
      id,
      key: `${source}:${id}`,
      source,
      createdAt: row.created_at as Date,
      applicationId: String(row.application_id),
      registrationId: (row.registration_id as string | null) ?? null,
      operationId: (row.operation_id as string | null) ?? null,
      fromStatus: (row.from_status as string | null) ?? null,
      toStatus: (row.to_status as string | null) ?? null,
      kind: (row.kind as string | null) ?? null,
      signatureType: (row.signature_type as string | null) ?? null,
      valid: (row.valid as boolean | null) ?? null,
      reason: (row.reason as string | null) ?? null,
      request: request || null,
      actorType: (row.actor_type as string | null) ?? null,
      actorLabel: (row.actor_label as string | null) ?? null,
    };
  });
  const page = entries.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map(({ id: _id, ...entry }) => entry),
    nextCursor: entries.length > take && last ? encodeCursor({ createdAt: last.createdAt, rank: RANK[last.source], id: last.id }) : null,
  };
}
