/**
 * Marks a version supported or unsupported. Signatures made with an unsupported version's key fail,
 * which is how a bank retires an old app release.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";

export async function setApplicationVersionSupport({
  actor,
  id,
  versionName,
  supported,
}: {
  actor: Actor;
  id: string;
  versionName: string;
  supported: boolean;
}) {
  assertCan(actor, "applications.write");
  return db.$transaction(async (tx) => {
    const version = await tx.applicationVersion.findUnique({
      where: { applicationId_name: { applicationId: id, name: versionName } },
    });
    if (!version) throw new AppError("ERROR_ADMIN", `Application version not found: ${id} / ${versionName}`);
    if (version.supported === supported) return { name: version.name, supported };
    await tx.applicationVersion.update({ where: { id: version.id }, data: { supported } });
    await recordAuditEvent(tx, {
      actor,
      action: supported ? "application.version.support" : "application.version.unsupport",
      targetType: "application",
      targetId: id,
      applicationId: id,
      before: { version: version.name, supported: version.supported },
      after: { version: version.name, supported },
    });
    return { name: version.name, supported };
  });
}
