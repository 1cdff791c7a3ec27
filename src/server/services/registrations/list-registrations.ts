/**
 * Registrations, newest first, one keyset page at a time (created time, then id, as the index
 * `registration(application_id, user_id, created_at DESC, id)` orders them): the Cloud list
 * (`GET /v2/registrations?userId=`, which walks every page of one user) and the console (filters
 * by application, user, status). A page never costs more than its size, however deep it is.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { RegistrationStatus } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import {
  REGISTRATION_VIEW_SELECT,
  registrationScope,
  toCloudListItem,
  toRegistrationSummary,
  type CloudRegistrationListItem,
  type RegistrationSummary,
  type RegistrationViewRow,
} from "./registration-views";

export const MAX_PAGE_SIZE = 500;

export interface RegistrationFilter {
  applicationId?: string | null;
  userId?: string;
  /** The console's search box: an exact registration ID, or (also) an exact user ID. */
  idOrUserId?: string;
  /** Registrations carrying this flag. */
  flag?: string;
  /** Default: every state but REMOVED. */
  statuses?: RegistrationStatus[];
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user ID may itself look like a UUID, so a UUID searches both; anything else is a user ID. */
function idOrUserIdWhere(text: string): Prisma.RegistrationWhereInput {
  return UUID_TEXT.test(text) ? { OR: [{ id: text.toLowerCase() }, { userId: text }] } : { userId: text };
}

/** The last row's `created_at` (ms precision, as stored) and id, opaque to callers. */
function encodeCursor(row: Pick<RegistrationViewRow, "createdAt" | "id">): string {
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

function filterWhere(actor: Actor, filter: RegistrationFilter): Prisma.RegistrationWhereInput[] {
  return [
    registrationScope(actor, filter.applicationId),
    filter.userId !== undefined ? { userId: filter.userId } : {},
    filter.idOrUserId ? idOrUserIdWhere(filter.idOrUserId) : {},
    filter.flag ? { flags: { has: filter.flag } } : {},
    { status: filter.statuses ? { in: filter.statuses } : { not: "REMOVED" } },
  ];
}

const olderThan = (at: { createdAt: Date; id: string }): Prisma.RegistrationWhereInput => ({
  OR: [{ createdAt: { lt: at.createdAt } }, { createdAt: at.createdAt, id: { lt: at.id } }],
});
const newerThan = (at: { createdAt: Date; id: string }): Prisma.RegistrationWhereInput => ({
  OR: [{ createdAt: { gt: at.createdAt } }, { createdAt: at.createdAt, id: { gt: at.id } }],
});

async function listPage(actor: Actor, filter: RegistrationFilter, cursor: string | undefined, limit: number) {
  assertCan(actor, "registrations.read");
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE_SIZE);
  const after = cursor ? decodeCursor(cursor) : null;
  const where: Prisma.RegistrationWhereInput = { AND: [...filterWhere(actor, filter), ...(after ? [olderThan(after)] : [])] };
  const rows = await db.registration.findMany({ where, select: REGISTRATION_VIEW_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: take + 1 });
  const page = rows.slice(0, take);
  return { rows: page, nextCursor: rows.length > take ? encodeCursor(page.at(-1)!) : null };
}

/** The page just newer than a cursor (read oldest first from it, shown newest first). */
async function listNewerPage(actor: Actor, filter: RegistrationFilter, cursor: string, limit: number) {
  assertCan(actor, "registrations.read");
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE_SIZE);
  const before = decodeCursor(cursor);
  const where: Prisma.RegistrationWhereInput = { AND: [...filterWhere(actor, filter), newerThan(before)] };
  const rows = await db.registration.findMany({ where, select: REGISTRATION_VIEW_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: take + 1 });
  const page = rows.slice(0, take).reverse();
  return { rows: page, hasNewer: rows.length > take };
}

async function hasNewerThan(actor: Actor, filter: RegistrationFilter, row: Pick<RegistrationViewRow, "createdAt" | "id">) {
  const found = await db.registration.findFirst({ where: { AND: [...filterWhere(actor, filter), newerThan(row)] }, select: { id: true } });
  return found !== null;
}

/**
 * The console's list: summaries, one page, and the cursors of the older page (`nextCursor`, null
 * at the end) and of the newer one (`newerCursor`, null at the newest). `cursor` reads the page
 * older than a cursor, `newerThan` the page newer than one (the console's "Newer" button).
 */
export async function listRegistrations({
  actor,
  filter = {},
  cursor,
  newerThan: newerCursorIn,
  limit = 50,
}: {
  actor: Actor;
  filter?: RegistrationFilter;
  cursor?: string;
  newerThan?: string;
  limit?: number;
}): Promise<{ items: RegistrationSummary[]; nextCursor: string | null; newerCursor: string | null }> {
  const now = new Date();
  if (newerCursorIn) {
    const { rows, hasNewer } = await listNewerPage(actor, filter, newerCursorIn, limit);
    const last = rows.at(-1);
    // Going newer, there is an older page unless nothing at all was older than the cursor's row.
    const nextCursor = last ? encodeCursor(last) : newerCursorIn;
    return { items: rows.map((row) => toRegistrationSummary(row, now)), nextCursor, newerCursor: hasNewer && rows[0] ? encodeCursor(rows[0]) : null };
  }
  const { rows, nextCursor } = await listPage(actor, filter, cursor, limit);
  const first = rows[0];
  const newerCursor = cursor && first && (await hasNewerThan(actor, filter, first)) ? encodeCursor(first) : null;
  return { items: rows.map((row) => toRegistrationSummary(row, now)), nextCursor, newerCursor };
}

/** The Cloud list: every registration of one user (not REMOVED), newest first, walking the pages. */
export async function listUserRegistrations({
  actor,
  applicationId,
  userId,
}: {
  actor: Actor;
  applicationId?: string | null;
  userId: string;
}): Promise<{ registrations: CloudRegistrationListItem[] }> {
  const registrations: CloudRegistrationListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPage(actor, { applicationId, userId }, cursor, MAX_PAGE_SIZE);
    registrations.push(...page.rows.map(toCloudListItem));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { registrations };
}
