/**
 * Checks HTTP Basic credentials on every REST request: one indexed read and one HMAC. An unknown
 * user name costs the same HMAC as a known one, so timing does not tell which names exist.
 */
import { db } from "@/server/db";
import { unauthorized } from "@/server/errors";
import { logger } from "@/server/logger";
import { hashApiSecret, verifyApiSecret } from "@/server/security/api-secret";

import type { Actor } from "../access/actor";

/** lastUsedAt is informative; writing it at most once a minute keeps requests read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateCredential(username: string, password: string): Promise<Actor & { type: "CREDENTIAL" }> {
  const credential = await db.integrationCredential.findUnique({
    where: { username },
    select: { id: true, username: true, scope: true, applicationId: true, secretHash: true, revokedAt: true, lastUsedAt: true },
  });
  if (!credential) {
    hashApiSecret(password);
    throw unauthorized();
  }
  if (!verifyApiSecret(password, credential.secretHash) || credential.revokedAt) throw unauthorized();

  const now = Date.now();
  if (!credential.lastUsedAt || now - credential.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    void db.integrationCredential
      .update({ where: { id: credential.id }, data: { lastUsedAt: new Date(now) } })
      .catch((error: unknown) => logger.warn("could not record credential use", { error }));
  }
  return {
    type: "CREDENTIAL",
    id: credential.id,
    label: credential.username,
    scope: credential.scope,
    applicationId: credential.applicationId,
  };
}
