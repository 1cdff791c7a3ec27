/**
 * Revokes a credential by id or user name. Revocation is immediate on every instance: the REST
 * authentication reads the credential on each request.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { CREDENTIAL_VIEW } from "./list-credentials";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeCredential({ actor, idOrUsername }: { actor: Actor; idOrUsername: string }) {
  assertCan(actor, "credentials.write");
  return db.$transaction(async (tx) => {
    const credential = await tx.integrationCredential.findFirst({
      where: UUID.test(idOrUsername) ? { id: idOrUsername } : { username: idOrUsername },
      select: CREDENTIAL_VIEW,
    });
    if (!credential) throw new AppError("ERROR_NOT_FOUND", `Credential not found: ${idOrUsername}`);
    if (credential.revokedAt) return credential;
    const revoked = await tx.integrationCredential.update({
      where: { id: credential.id },
      // A rotation's previous secret dies with the credential.
      data: { revokedAt: new Date(), previousSecretHash: null, previousSecretExpiresAt: null },
      select: CREDENTIAL_VIEW,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "credential.revoke",
      targetType: "credential",
      targetId: credential.id,
      applicationId: credential.applicationId,
      before: { username: credential.username, revoked: false },
      after: { username: credential.username, revoked: true },
    });
    return revoked;
  });
}
