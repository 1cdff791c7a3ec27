/**
 * An operation's history, oldest first (the console's detail page; later the audit log API):
 * every change with its reason, who made it and the registration that acted. Limited like every
 * operation read to what the actor may see.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { operationNotFound, operationScope, UUID_TEXT } from "./operation-views";

export async function listOperationHistory({ actor, operationId, applicationId }: { actor: Actor; operationId: string; applicationId?: string | null }) {
  assertCan(actor, "operations.read");
  if (!UUID_TEXT.test(operationId)) throw operationNotFound();
  const operation = await db.operation.findFirst({ where: { id: operationId, ...operationScope(actor, applicationId) }, select: { id: true } });
  if (!operation) throw operationNotFound();
  const rows = await db.operationHistory.findMany({
    where: { operationId },
    orderBy: { id: "asc" },
    select: { id: true, fromStatus: true, toStatus: true, reason: true, registrationId: true, actorType: true, actorLabel: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
