/**
 * The console's credential list: one page, searched by user name, filtered by application, scope
 * and status, sorted by a column. Offset paging (take/skip plus a count) is fine here: a bank has
 * tens or hundreds of integration credentials, not millions, so the count and the skip stay cheap.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { CredentialSort, CredentialStatus } from "@/schemas/credentials";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { CREDENTIAL_VIEW } from "./list-credentials";

export async function searchCredentials({
  actor,
  page,
  pageSize,
  search,
  applicationId,
  scope,
  status = "all",
  sort = "createdAt",
  direction = "desc",
}: {
  actor: Actor;
  page: number;
  pageSize: number;
  search?: string;
  applicationId?: string;
  scope?: "ADMIN" | "APPLICATION";
  status?: CredentialStatus;
  sort?: CredentialSort;
  direction?: "asc" | "desc";
}) {
  assertCan(actor, "credentials.read");
  const where: Prisma.IntegrationCredentialWhereInput = {
    ...(search ? { username: { contains: search, mode: "insensitive" } } : {}),
    ...(applicationId ? { applicationId } : {}),
    ...(scope ? { scope } : {}),
    ...(status === "active" ? { revokedAt: null } : status === "revoked" ? { revokedAt: { not: null } } : {}),
  };
  // Never-used credentials sort after used ones either way; the id keeps pages stable on ties.
  const order: Prisma.IntegrationCredentialOrderByWithRelationInput =
    sort === "lastUsedAt" ? { lastUsedAt: { sort: direction, nulls: "last" } } : { [sort]: direction };
  const [total, items] = await Promise.all([
    db.integrationCredential.count({ where }),
    db.integrationCredential.findMany({
      where,
      orderBy: [order, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: CREDENTIAL_VIEW,
    }),
  ]);
  return { total, page, pageSize, items };
}
