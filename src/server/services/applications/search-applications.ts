/**
 * The console's applications list: searched by id, sorted and paged, with each application's role
 * names, version counts and active credentials.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export async function searchApplications({
  actor,
  search,
  page,
  pageSize,
  sort = "id",
  direction = "asc",
}: {
  actor: Actor;
  search?: string;
  page: number;
  pageSize: number;
  sort?: "id" | "createdAt";
  direction?: "asc" | "desc";
}) {
  assertCan(actor, "applications.read");
  const where = search ? { id: { contains: search, mode: "insensitive" as const } } : {};
  const [total, rows] = await Promise.all([
    db.application.count({ where }),
    db.application.findMany({
      where,
      orderBy: sort === "id" ? { id: direction } : [{ createdAt: direction }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        createdAt: true,
        roles: { select: { name: true }, orderBy: { name: "asc" } },
        _count: { select: { credentials: { where: { revokedAt: null } } } },
        versions: { select: { supported: true } },
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      roles: row.roles.map((role) => role.name),
      versions: row.versions.length,
      supportedVersions: row.versions.filter((version) => version.supported).length,
      activeCredentials: row._count.credentials,
    })),
  };
}
