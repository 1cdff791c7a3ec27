/**
 * Every integration credential without its secrets (which are never stored), optionally for one
 * application, newest first: the CLI's list. Revoked ones are listed too so the history stays
 * visible. The console pages through them with searchCredentials instead.
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
  rotatedAt: true,
  // When the secret before the last rotation stops working; never the hash itself.
  previousSecretExpiresAt: true,
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
