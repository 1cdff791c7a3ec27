/**
 * The audit log's read query, shared by the console's list and the export. Written in SQL so its
 * plans can be checked (audit-query.int.test.ts runs EXPLAIN ANALYZE on a large log). Entries are
 * ordered by (created_at, id), the order they were written in, and paged by keyset: a page starts
 * after a position instead of skipping rows, and every filter has an index (filter, created_at,
 * id), so a page reads about as many rows as it shows, with or without a time window.
 *
 * Targets are named in the same query: a staff member's e-mail and name, a credential's user
 * name (an application's id is already its name). Target ids are free text, so the uuid cast is
 * guarded by a pattern; a target that no longer exists keeps its raw id.
 */
import { Prisma } from "@/generated/prisma/client";
import type { ActorType } from "@/generated/prisma/enums";
import type { AuditFilterInput } from "@/schemas/audit";
import { db } from "@/server/db";

export interface AuditFilter {
  /** Exact actions (an area filter is expanded to its actions first). */
  actions?: readonly string[];
  actor?: string;
  targetType?: string;
  targetId?: string;
  applicationId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditEntryRow {
  id: bigint;
  createdAt: Date;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string | null;
  targetDetail: string | null;
  applicationId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
  hash: string;
  hashVersion: number;
}

const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

const SELECT = Prisma.sql`
  SELECT e.id, e.created_at AS "createdAt", e.actor_type AS "actorType", e.actor_id AS "actorId",
         e.actor_label AS "actorLabel", e.action, e.target_type AS "targetType", e.target_id AS "targetId",
         t.label AS "targetLabel", t.detail AS "targetDetail", e.application_id AS "applicationId",
         e.before, e.after, e.request_id AS "requestId", e.prev_hash AS "prevHash", e.hash,
         e.hash_version AS "hashVersion"
  FROM audit_event e
  LEFT JOIN LATERAL (
    SELECT s.email AS label, s.name AS detail FROM staff_user s
    WHERE e.target_type = 'staff' AND s.id = (CASE WHEN e.target_id ~ ${UUID_PATTERN} THEN e.target_id::uuid END)
    UNION ALL
    SELECT c.username, NULL FROM integration_credential c
    WHERE e.target_type = 'credential' AND c.id = (CASE WHEN e.target_id ~ ${UUID_PATTERN} THEN e.target_id::uuid END)
    LIMIT 1
  ) t ON TRUE`;

/** Where an entry sits in the list's order. */
export interface AuditPosition {
  createdAt: Date;
  id: bigint;
}

/** Keyset bounds: entries before or after a position, and (an export's snapshot) ids up to `upTo`. */
export interface IdBound {
  before?: AuditPosition;
  after?: AuditPosition;
  upTo?: bigint;
}

export function auditWhere(filter: AuditFilter, bound: IdBound): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.actions?.length === 0) conditions.push(Prisma.sql`FALSE`);
  // One action as an equality, so the planner can use the value's statistics.
  else if (filter.actions?.length === 1) conditions.push(Prisma.sql`e.action = ${filter.actions[0]}`);
  else if (filter.actions) conditions.push(Prisma.sql`e.action = ANY(${[...filter.actions]}::text[])`);
  if (filter.actor) conditions.push(Prisma.sql`e.actor_label = ${filter.actor}`);
  if (filter.targetType) conditions.push(Prisma.sql`e.target_type = ${filter.targetType}`);
  if (filter.targetId) conditions.push(Prisma.sql`e.target_id = ${filter.targetId}`);
  if (filter.applicationId) conditions.push(Prisma.sql`e.application_id = ${filter.applicationId}`);
  if (filter.from) conditions.push(Prisma.sql`e.created_at >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`e.created_at <= ${filter.to}`);
  if (bound.before) conditions.push(Prisma.sql`(e.created_at, e.id) < (${bound.before.createdAt}, ${bound.before.id})`);
  if (bound.after) conditions.push(Prisma.sql`(e.created_at, e.id) > (${bound.after.createdAt}, ${bound.after.id})`);
  if (bound.upTo !== undefined) conditions.push(Prisma.sql`e.id <= ${bound.upTo}`);
  return conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

/** The page query itself (exported for the plan test). */
export function auditPageQuery(filter: AuditFilter, bound: IdBound, order: "newest" | "oldest", limit: number): Prisma.Sql {
  const orderBy = order === "newest" ? Prisma.sql`e.created_at DESC, e.id DESC` : Prisma.sql`e.created_at ASC, e.id ASC`;
  return Prisma.sql`${SELECT} ${auditWhere(filter, bound)} ORDER BY ${orderBy} LIMIT ${limit}`;
}

export function findAuditEntries(filter: AuditFilter, bound: IdBound, order: "newest" | "oldest", limit: number): Promise<AuditEntryRow[]> {
  return db.$queryRaw<AuditEntryRow[]>(auditPageQuery(filter, bound, order, limit));
}

/** The position of an entry (a cursor names an entry by id), or null when there is no such entry. */
export async function findAuditPosition(id: bigint): Promise<AuditPosition | null> {
  return db.auditEvent.findUnique({ where: { id }, select: { id: true, createdAt: true } });
}

export async function hasAuditEntries(filter: AuditFilter, bound: IdBound): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM audit_event e ${auditWhere(filter, bound)} LIMIT 1`;
  return rows.length > 0;
}

/**
 * The distinct values of a column, by skipping through its index (one probe per value, not a
 * scan of the log), through the indexes that lead with `action` and `target_type`.
 */
export function distinctAuditValuesQuery(column: "action" | "target_type"): Prisma.Sql {
  const name = Prisma.raw(column);
  return Prisma.sql`
    WITH RECURSIVE seen(value) AS (
      (SELECT ${name} FROM audit_event ORDER BY ${name} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${name} FROM audit_event WHERE ${name} > seen.value ORDER BY ${name} LIMIT 1) FROM seen WHERE seen.value IS NOT NULL
    )
    SELECT value FROM seen WHERE value IS NOT NULL`;
}

export async function listDistinctAuditValues(column: "action" | "target_type"): Promise<string[]> {
  const rows = await db.$queryRaw<{ value: string }[]>(distinctAuditValuesQuery(column));
  return rows.map((row) => row.value);
}

/** Turns the shared filter input into the query's filter; an area (`staff.*`) becomes its actions. */
export async function resolveAuditFilter(input: AuditFilterInput): Promise<AuditFilter> {
  let actions: string[] | undefined;
  if (input.action?.endsWith(".*")) {
    const prefix = input.action.slice(0, -1);
    actions = (await listDistinctAuditValues("action")).filter((action) => action.startsWith(prefix));
  } else if (input.action) {
    actions = [input.action];
  }
  return {
    actions,
    actor: input.actor,
    targetType: input.targetType,
    targetId: input.targetId,
    applicationId: input.applicationId,
    from: input.from ? new Date(input.from) : undefined,
    to: input.to ? new Date(input.to) : undefined,
  };
}
