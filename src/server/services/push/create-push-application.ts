/**
 * Push Server `POST /admin/app/create`: makes an existing application known to the push service
 * (the Cloud paths and credential updates do it implicitly). An unknown application, or one
 * already created, is an error; audited.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { applicationNotFound } from "../applications/application-errors";

export async function createPushApplication({ actor, applicationId }: { actor: Actor; applicationId: string }): Promise<{ appId: string }> {
  assertCan(actor, "push.configure");
  return db.$transaction(async (tx) => {
    const application = await tx.application.findUnique({ where: { id: applicationId }, select: { id: true } });
    if (!application) throw applicationNotFound(applicationId);
    const inserted = await tx.$executeRaw`INSERT INTO push_application (application_id) VALUES (${applicationId}) ON CONFLICT DO NOTHING`;
    if (inserted === 0) throw new AppError("ERROR_ADMIN", `Application already exists: ${applicationId}`);
    await recordAuditEvent(tx, { actor, action: "push.application.create", targetType: "application", targetId: applicationId, applicationId, after: { appId: applicationId } });
    return { appId: applicationId };
  });
}
