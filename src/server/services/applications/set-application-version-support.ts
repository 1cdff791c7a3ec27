/**
 * Marks a version supported or unsupported. Signatures made with an unsupported version's key fail,
 * which is how a bank retires an old app release. Unsupporting the last supported version stops
 * every installed copy of the app, so it needs `acknowledgeNoneSupported`: a console page showing
 * stale data cannot do it by accident.
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
  acknowledgeNoneSupported = false,
}: {
  actor: Actor;
  id: string;
  versionName: string;
  supported: boolean;
  acknowledgeNoneSupported?: boolean;
}) {
  assertCan(actor, "applications.write");
  return db.$transaction(async (tx) => {
    // Two administrators unsupporting the last two versions at once must not both pass the check.
    await tx.$queryRaw`SELECT id FROM application WHERE id = ${id} FOR UPDATE`;
    const version = await tx.applicationVersion.findUnique({
      where: { applicationId_name: { applicationId: id, name: versionName } },
    });
    if (!version) throw new AppError("ERROR_ADMIN", `Application version not found: ${id} / ${versionName}`);
    const othersSupported = await tx.applicationVersion.count({ where: { applicationId: id, supported: true, id: { not: version.id } } });
    const supportedVersions = othersSupported + (supported ? 1 : 0);
    if (version.supported === supported) return { name: version.name, supported, supportedVersions };
    if (!supported && othersSupported === 0 && !acknowledgeNoneSupported) {
      throw new AppError(
        "ERROR_ADMIN",
        `Version ${versionName} is the last supported version of ${id}: with none supported, every installed copy of the mobile app stops working. Confirm that this is intended.`,
      );
    }
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
    return { name: version.name, supported, supportedVersions };
  });
}
