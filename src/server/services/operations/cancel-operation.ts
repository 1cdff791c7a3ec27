/**
 * The bank cancels a pending operation (Cloud `DELETE /v2/operations/{operationId}`; the console's
 * cancel): PENDING → CANCELED under the row lock, with its history row, and the staff audit entry
 * when staff or the CLI acted. Anything else, an unswept expired operation included, is
 * ERROR_OPERATION_STATE_CHANGE ("operation already expired").
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isStaffSide } from "../registrations/create-registration";
import { lockOperation, writeOperationChange } from "./operation-state-change";
import { effectiveStatus, operationNotFound, operationStateChange } from "./operation-views";

export async function cancelOperation({
  actor,
  operationId,
  applicationId,
  reason,
}: {
  actor: Actor;
  operationId: string;
  applicationId?: string | null;
  /** A short machine code kept as the statusReason (powerauth-products.md §1.4). */
  reason?: string;
}): Promise<void> {
  assertCan(actor, "operations.write");
  const scope = actor.type === "CREDENTIAL" ? actor.applicationId : (applicationId ?? null);
  if (actor.type === "CREDENTIAL" && (!scope || (applicationId && applicationId !== scope))) throw operationNotFound();
  await db.$transaction(async (tx) => {
    const row = await lockOperation(tx, { operationId, applicationId: scope });
    if (!row) throw operationNotFound();
    if (effectiveStatus(row) !== "PENDING") throw operationStateChange();
    await writeOperationChange(tx, row, { to: "CANCELED", actor, reason: reason ?? "CANCELED", statusReason: reason ?? null });
    if (isStaffSide(actor)) {
      await recordAuditEvent(tx, { actor, action: "operation.cancel", targetType: "operation", targetId: row.id, applicationId: row.applicationId, before: { status: row.status }, after: { status: "CANCELED", reason } });
    }
  });
}
