/**
 * Adds a version (new app key and secret) to an application, e.g. for a new release of the mobile
 * app. Names are unique per application.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { applicationNotFound } from "./application-errors";
import { newVersionKeys } from "./application-keys";

export async function createApplicationVersion({ actor, id, name }: { actor: Actor; id: string; name: string }) {
  assertCan(actor, "applications.write");
  return db.$transaction(async (tx) => {
    const app = await tx.application.findUnique({ where: { id }, select: { id: true } });
    if (!app) throw applicationNotFound(id);
    const clash = await tx.applicationVersion.findUnique({ where: { applicationId_name: { applicationId: id, name } } });
    if (clash) throw new AppError("ERROR_ADMIN", `Application ${id} already has a version named ${name}`);
    const version = await tx.applicationVersion.create({
      data: { applicationId: id, name, ...newVersionKeys() },
      select: { id: true, name: true, appKey: true, supported: true, createdAt: true },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "application.version.create",
      targetType: "application",
      targetId: id,
      applicationId: id,
      after: { version: { name: version.name, appKey: version.appKey, supported: version.supported } },
    });
    return version;
  });
}
