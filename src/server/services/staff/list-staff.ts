/**
 * The console's staff list: one page, searched by name or e-mail, filtered by role and status,
 * sorted by a column. Offset paging is fine: a console has tens of staff members, not millions.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { StaffRole } from "@/generated/prisma/enums";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { STAFF_VIEW } from "./staff-view";

export const STAFF_SORTS = ["name", "email", "lastLoginAt", "createdAt"] as const;
export type StaffSort = (typeof STAFF_SORTS)[number];

export async function listStaff({
  actor,
  page = 1,
  pageSize = 50,
  search,
  role,
  status = "all",
  sort = "email",
  direction = "asc",
}: {
  actor: Actor;
  page?: number;
  pageSize?: number;
  search?: string;
  role?: StaffRole;
  status?: "active" | "disabled" | "all";
  sort?: StaffSort;
  direction?: "asc" | "desc";
}) {
  assertCan(actor, "staff.read");
  const where: Prisma.StaffUserWhereInput = {
    ...(search
      ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { email: { contains: search, mode: "insensitive" } }] }
      : {}),
    ...(role ? { role } : {}),
    ...(status === "active" ? { disabledAt: null } : status === "disabled" ? { disabledAt: { not: null } } : {}),
  };
  // Members who never signed in sort after the others either way; the id keeps pages stable on ties.
  const order: Prisma.StaffUserOrderByWithRelationInput =
    sort === "lastLoginAt" ? { lastLoginAt: { sort: direction, nulls: "last" } } : { [sort]: direction };
  const [total, items] = await Promise.all([
    db.staffUser.count({ where }),
    db.staffUser.findMany({ where, select: STAFF_VIEW, orderBy: [order, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { total, page, pageSize, items };
}
