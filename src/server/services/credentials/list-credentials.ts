/**
 * Integration credentials without their secrets (which are never stored), optionally for one
 * application, newest first. Revoked ones are listed too so the history stays visible.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";

export const CREDENTIAL_VIEW = {
  id: true,
  username: true,
  scope: true,
  applicationId: true,
  createdAt: true,
  createdBy: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

export async function listCredentials({
  actor,
  applicationId,
  includeRevoked = true,
}: {
  actor: Actor;
  applicationId?: string;
  includeRevoked?: boolean;
}) {
  assertCan(actor, "credentials.read");
  return db.integrationCredential.findMany({
    where: { ...(applicationId ? { applicationId } : {}), ...(includeRevoked ? {} : { revokedAt: null }) },
    orderBy: { createdAt: "desc" },
    select: CREDENTIAL_VIEW,
  });
}
