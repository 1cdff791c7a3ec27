/**
 * Creates an integration credential: HTTP Basic user name = the given name, password = 32 random
 * bytes. The password is returned once, here, and only its keyed hash is stored.
 */
import { Prisma } from "@/generated/prisma/client";
import type { CredentialScope } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { generateApiSecret, hashApiSecret } from "@/server/security/api-secret";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { applicationNotFound } from "../applications/application-errors";

export async function createCredential({
  actor,
  name,
  scope,
  applicationId,
}: {
  actor: Actor;
  name: string;
  scope: CredentialScope;
  applicationId?: string | null;
}): Promise<{ id: string; username: string; password: string; scope: CredentialScope; applicationId: string | null }> {
  assertCan(actor, "credentials.write");
  if (scope === "APPLICATION" && !applicationId) {
    throw new AppError("ERROR_REQUEST", "An application credential needs an application");
  }
  const boundApplication = scope === "APPLICATION" ? applicationId! : null;
  const password = generateApiSecret();

  try {
    return await db.$transaction(async (tx) => {
      if (boundApplication) {
        const app = await tx.application.findUnique({ where: { id: boundApplication }, select: { id: true } });
        if (!app) throw applicationNotFound(boundApplication);
      }
      const taken = await tx.integrationCredential.findUnique({ where: { username: name }, select: { id: true } });
      if (taken) throw new AppError("ERROR_CONFLICT", `A credential named ${name} already exists`);
      const credential = await tx.integrationCredential.create({
        data: {
          username: name,
          scope,
          applicationId: boundApplication,
          secretHash: hashApiSecret(password),
          createdBy: actor.label,
        },
      });
      await recordAuditEvent(tx, {
        actor,
        action: "credential.create",
        targetType: "credential",
        targetId: credential.id,
        applicationId: boundApplication,
        after: { username: credential.username, scope, applicationId: boundApplication },
      });
      return { id: credential.id, username: credential.username, password, scope, applicationId: boundApplication };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("ERROR_CONFLICT", `A credential named ${name} already exists`);
    }
    throw error;
  }
}
