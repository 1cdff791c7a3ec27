/**
 * One operation (Cloud `GET /v2/operations/{operationId}`), in its documented shape. Reading never
 * changes state (an unswept expired operation is reported EXPIRED, see operation-views.ts).
 * Unknown ids and other applications' operations are both ERROR_OPERATION_NOT_FOUND.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { OPERATION_SELECT, operationNotFound, operationScope, toCloudOperation, UUID_TEXT, type CloudOperation } from "./operation-views";

export async function getOperation({ actor, operationId, applicationId }: { actor: Actor; operationId: string; applicationId?: string | null }): Promise<CloudOperation> {
  assertCan(actor, "operations.read");
  if (!UUID_TEXT.test(operationId)) throw operationNotFound();
  const row = await db.operation.findFirst({ where: { id: operationId, ...operationScope(actor, applicationId) }, select: OPERATION_SELECT });
  if (!row) throw operationNotFound();
  return toCloudOperation(row, "status");
}
