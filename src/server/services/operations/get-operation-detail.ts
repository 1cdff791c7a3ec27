/**
 * One operation for the console's detail page: the Cloud view with the application, language,
 * status reason and finish time (the list's summary), and its history, oldest first. Limited like
 * every operation read to what the actor may see; an unknown id is ERROR_OPERATION_NOT_FOUND.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan, can } from "../access/permissions";
import { listOperationHistory } from "./list-operation-history";
import { toOperationSummary } from "./list-operations";
import { OPERATION_SELECT, operationNotFound, operationScope, UUID_TEXT } from "./operation-views";

export async function getOperationDetail({ actor, operationId }: { actor: Actor; operationId: string }) {
  assertCan(actor, "operations.read");
  if (!UUID_TEXT.test(operationId)) throw operationNotFound();
  const row = await db.operation.findFirst({ where: { id: operationId, ...operationScope(actor) }, select: { ...OPERATION_SELECT, proximitySeedEncrypted: true } });
  if (!row) throw operationNotFound();
  const summary = toOperationSummary(row);
  return {
    ...summary,
    data: row.data,
    signatureTypes: row.signatureTypes,
    proximityCheck: row.proximitySeedEncrypted !== null,
    history: await listOperationHistory({ actor, operationId }),
    canCancel: can(actor, "operations.write") && summary.status === "PENDING",
  };
}
