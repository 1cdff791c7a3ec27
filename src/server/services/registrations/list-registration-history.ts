/**
 * A registration's history, oldest first (the console's detail page; later the audit log API):
 * every status change with its reason, who made it and the bank's external user. REMOVED
 * registrations keep theirs. Limited like every registration read to what the actor may see.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { registrationNotFound } from "./registration-transitions";
import { registrationScope, UUID_TEXT } from "./registration-views";

export async function listRegistrationHistory({ actor, registrationId, applicationId }: { actor: Actor; registrationId: string; applicationId?: string | null }) {
  assertCan(actor, "registrations.read");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  const registration = await db.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor, applicationId) }, select: { id: true } });
  if (!registration) throw registrationNotFound();
  const rows = await db.registrationHistory.findMany({
    where: { registrationId },
    orderBy: { id: "asc" },
    select: { id: true, fromStatus: true, toStatus: true, reason: true, actorType: true, actorLabel: true, externalUserId: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
