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
  /** Default: every state but REMOVED. */
  statuses?: RegistrationStatus[];
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

async function listPage(actor: Actor, filter: RegistrationFilter, cursor: string | undefined, limit: number) {
  assertCan(actor, "registrations.read");
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE_SIZE);
  const after = cursor ? decodeCursor(cursor) : null;
  const where: Prisma.RegistrationWhereInput = {
    ...registrationScope(actor, filter.applicationId),
    ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
    status: filter.statuses ? { in: filter.statuses } : { not: "REMOVED" },
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.registration.findMany({ where, select: REGISTRATION_VIEW_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: take + 1 });
  const page = rows.slice(0, take);
  return { rows: page, nextCursor: rows.length > take ? encodeCursor(page.at(-1)!) : null };
}

/** The console's list: summaries, one page, and the cursor of the next one (null at the end). */
export async function listRegistrations({
  actor,
  filter = {},
  cursor,
  limit = 50,
}: {
  actor: Actor;
  filter?: RegistrationFilter;
  cursor?: string;
  limit?: number;
}): Promise<{ items: RegistrationSummary[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await listPage(actor, filter, cursor, limit);
  const now = new Date();
  return { items: rows.map((row) => toRegistrationSummary(row, now)), nextCursor };
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
