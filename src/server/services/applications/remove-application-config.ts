/**
 * Removes one configuration key (`DELETE /admin/applications/{id}/config`); removing a key that is
 * not set is not an error, as documented.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isConfigKey, redactConfigValues } from "./application-config-keys";
import { requireApplication, storedValues } from "./application-config-store";

export async function removeApplicationConfig({ actor, id, key }: { actor: Actor; id: string; key: string }) {
  assertCan(actor, "applications.write");
  if (!isConfigKey(key)) {
    throw new AppError("ERROR_ADMIN", `Invalid remove application configuration request for configuration key: ${key}`);
  }
  await db.$transaction(async (tx) => {
    await requireApplication(tx, id);
    const existing = await tx.applicationConfig.findUnique({ where: { applicationId_key: { applicationId: id, key } } });
    if (!existing) return;
    await tx.applicationConfig.delete({ where: { applicationId_key: { applicationId: id, key } } });
    await recordAuditEvent(tx, {
      actor,
      action: "application.config.remove",
      targetType: "application",
      targetId: id,
      applicationId: id,
      before: { key, values: redactConfigValues(key, storedValues(existing)) },
    });
  });
}
