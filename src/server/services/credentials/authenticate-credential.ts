/**
 * Checks HTTP Basic credentials on every REST request: one indexed read and one HMAC. An unknown
 * user name costs the same HMAC as a known one, so timing does not tell which names exist.
 * During a rotation's grace period the previous secret is accepted too.
 */
import crypto from "node:crypto";

import { db } from "@/server/db";
import { unauthorized } from "@/server/errors";
import { logger } from "@/server/logger";
import { hashApiSecret } from "@/server/security/api-secret";

import type { Actor } from "../access/actor";

/** lastUsedAt is informative; writing it at most once a minute keeps requests read-only. */
const LAST_USED_RESOLUTION_MS = 60_000;

function sameHash(actualHex: string, storedHex: string): boolean {
  const actual = Buffer.from(actualHex, "hex");
  const expected = Buffer.from(storedHex, "hex");
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

export async function authenticateCredential(username: string, password: string): Promise<Actor & { type: "CREDENTIAL" }> {
  const credential = await db.integrationCredential.findUnique({
    where: { username },
    select: {
      id: true,
      username: true,
      scope: true,
      applicationId: true,
      secretHash: true,
      previousSecretHash: true,
      previousSecretExpiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  const presented = hashApiSecret(password);
  if (!credential) throw unauthorized();

  const now = Date.now();
  // An expired previous secret is simply ignored, not cleared: a read must not turn into a write.
  // The next rotation or the revocation clears it.
  const inGrace = credential.previousSecretHash !== null && (credential.previousSecretExpiresAt?.getTime() ?? 0) > now;
  // Both comparisons always run (against the current hash twice outside a grace period), so the
  // time taken does not tell whether a rotation is under way.
  const matchesCurrent = sameHash(presented, credential.secretHash);
  const matchesPrevious = sameHash(presented, inGrace ? credential.previousSecretHash! : credential.secretHash) && inGrace;
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
