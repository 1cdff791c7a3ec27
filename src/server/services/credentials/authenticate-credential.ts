/**
 * Checks HTTP Basic credentials on every REST request: one indexed read (a hot statement, see
 * src/server/db.ts) and one HMAC. An unknown user name costs the same HMAC as a known one, so
 * timing does not tell which names exist.
 */
import type { CredentialScope } from "@/generated/prisma/enums";
import { db, defineStatement, hotQuery } from "@/server/db";
import { unauthorized } from "@/server/errors";
import { logger } from "@/server/logger";
import { hashApiSecret, verifyApiSecret } from "@/server/security/api-secret";

import type { Actor } from "../access/actor";

/** lastUsedAt is informative; writing it at most once a minute keeps requests read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

const CREDENTIAL_BY_USERNAME = defineStatement<[string]>()(
  "credential_by_username",
  "SELECT id, username, scope, application_id, secret_hash, revoked_at, last_used_at FROM integration_credential WHERE username = $1",
  (row) => ({
    id: row.id as string,
    username: row.username as string,
    scope: row.scope as CredentialScope,
    applicationId: row.application_id as string | null,
    secretHash: row.secret_hash as string,
    revokedAt: row.revoked_at as Date | null,
    lastUsedAt: row.last_used_at as Date | null,
  }),
);

export async function authenticateCredential(username: string, password: string): Promise<Actor & { type: "CREDENTIAL" }> {
  const [credential] = await hotQuery(CREDENTIAL_BY_USERNAME, [username]);
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
