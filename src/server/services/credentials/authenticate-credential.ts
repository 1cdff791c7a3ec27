/**
 * Checks HTTP Basic credentials on every REST request: one indexed read (a hot statement, see
 * src/server/db.ts) and one HMAC. An unknown user name costs the same HMAC as a known one, so
 * timing does not tell which names exist. During a rotation's grace period the previous secret is
 * accepted too.
 */
import type { CredentialScope } from "@/generated/prisma/enums";
import { db, defineStatement, hotQuery } from "@/server/db";
import { unauthorized } from "@/server/errors";
import { logger } from "@/server/logger";
import { hashApiSecret, hashesEqual } from "@/server/security/api-secret";

import type { Actor } from "../access/actor";

/** lastUsedAt is informative; writing it at most once a minute keeps requests read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

const CREDENTIAL_BY_USERNAME = defineStatement<[string]>()(
  "credential_by_username",
  `SELECT id, username, scope, application_id, secret_hash, previous_secret_hash, previous_secret_expires_at, revoked_at, last_used_at
     FROM integration_credential WHERE username = $1`,
  (row) => ({
    id: row.id as string,
    username: row.username as string,
    scope: row.scope as CredentialScope,
    applicationId: row.application_id as string | null,
    secretHash: row.secret_hash as string,
    previousSecretHash: row.previous_secret_hash as string | null,
    previousSecretExpiresAt: row.previous_secret_expires_at as Date | null,
    revokedAt: row.revoked_at as Date | null,
    lastUsedAt: row.last_used_at as Date | null,
  }),
);

export async function authenticateCredential(username: string, password: string): Promise<Actor & { type: "CREDENTIAL" }> {
  const [credential] = await hotQuery(CREDENTIAL_BY_USERNAME, [username]);
  const presented = hashApiSecret(password);
  if (!credential) throw unauthorized();

  const now = Date.now();
  // An expired previous secret is simply ignored, not cleared: a read must not turn into a write.
  // The next rotation or the revocation clears it.
  const inGrace = credential.previousSecretHash !== null && (credential.previousSecretExpiresAt?.getTime() ?? 0) > now;
  // Both comparisons always run (against the current hash twice outside a grace period), so the
  // time taken does not tell whether a rotation is under way.
  const matchesCurrent = hashesEqual(presented, credential.secretHash);
  const matchesPrevious = hashesEqual(presented, inGrace ? credential.previousSecretHash! : credential.secretHash) && inGrace;
  if (!(matchesCurrent || matchesPrevious) || credential.revokedAt) throw unauthorized();

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
