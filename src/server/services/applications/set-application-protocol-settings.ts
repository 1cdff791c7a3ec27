/**
 * Changes an application's protocol settings (powerauth-protocol.md §16): how long a new
 * registration may wait to be activated and committed, how many failed signatures or OTPs block
 * it, how far a signature's counter may run ahead, and which protocol versions mobile requests
 * may use. Registrations keep the maximum of failed attempts they were created with; the other
 * settings apply to every request from now on. Audited with the values before and after.
 */
import type { ProtocolSettings } from "@/schemas/applications";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { applicationNotFound } from "./application-errors";

export const PROTOCOL_SETTINGS_SELECT = {
  activationValiditySeconds: true,
  maxFailedAttempts: true,
  signatureLookAhead: true,
  allowedProtocolVersions: true,
} as const;

export async function setApplicationProtocolSettings({ actor, id, settings }: { actor: Actor; id: string; settings: ProtocolSettings }) {
  assertCan(actor, "applications.write");
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM application WHERE id = ${id} FOR UPDATE`;
    if (!locked) throw applicationNotFound(id);
    const before = await tx.application.findUniqueOrThrow({ where: { id }, select: PROTOCOL_SETTINGS_SELECT });
    const after = await tx.application.update({ where: { id }, data: settings, select: PROTOCOL_SETTINGS_SELECT });
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAuditEvent(tx, {
        actor,
        action: "application.protocol-settings",
        targetType: "application",
        targetId: id,
        applicationId: id,
        before,
        after,
      });
    }
    return after;
  });
}
