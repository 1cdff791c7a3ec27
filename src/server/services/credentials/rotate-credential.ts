/**
 * Replaces a credential's password. The user name stays, so a backend only changes its password.
 * The old password keeps working for the grace period the administrator chose (0: it stops at
 * once), so the backend can be switched without an outage; then only the new one works. A second
 * rotation during a grace period ends the older password at once: only the current and the one
 * before it are ever accepted.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { generateApiSecret, hashApiSecret } from "@/server/security/api-secret";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function rotateCredential({ actor, id, graceSeconds }: { actor: Actor; id: string; graceSeconds: number }) {
  assertCan(actor, "credentials.write");
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0) throw new AppError("ERROR_REQUEST", "The grace period must be a whole number of seconds");
  const password = generateApiSecret();

  return db.$transaction(async (tx) => {
    const credential = await tx.integrationCredential.findUnique({
      where: { id },
      select: { id: true, username: true, scope: true, applicationId: true, secretHash: true, revokedAt: true, previousSecretExpiresAt: true },
    });
    if (!credential) throw new AppError("ERROR_NOT_FOUND", `Credential not found: ${id}`);
    if (credential.revokedAt) throw new AppError("ERROR_REQUEST", `Credential ${credential.username} is revoked; create a new one instead`);

    const now = new Date();
    const previousValidUntil = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null;
    await tx.integrationCredential.update({
      where: { id },
      data: {
        secretHash: hashApiSecret(password),
        rotatedAt: now,
        previousSecretHash: previousValidUntil ? credential.secretHash : null,
        previousSecretExpiresAt: previousValidUntil,
      },
    });
    const hadGrace = credential.previousSecretExpiresAt !== null && credential.previousSecretExpiresAt > now;
    await recordAuditEvent(tx, {
      actor,
      action: "credential.rotate",
      targetType: "credential",
      targetId: id,
      applicationId: credential.applicationId,
      // When the old passwords stop working, never the passwords or their hashes.
      before: { username: credential.username, previousSecretValidUntil: hadGrace ? credential.previousSecretExpiresAt!.toISOString() : null },
      after: { username: credential.username, graceSeconds, previousSecretValidUntil: previousValidUntil?.toISOString() ?? null },
    });
    return {
      id,
      username: credential.username,
      password,
      scope: credential.scope,
      applicationId: credential.applicationId,
      previousValidUntil,
    };
  });
}
