/**
 * `POST /internal/callback/operation` (cloud-multi-device-api.txt "Internal Services"): an internal
 * system says an operation's status changed internally ("i.e., operation expired"); the cloud
 * component then checks the operation's current status. Here that check applies what the status
 * already is: an operation past its expiry that is still PENDING is expired now, under the row lock
 * with its history row (so subscribers, such as callbacks and push, hear of it at once instead of
 * at the next expiry run). Any other state is left as it is. Unknown ids and other applications'
 * operations are ERROR_OPERATION_NOT_FOUND.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { lockOperation, writeOperationChange } from "./operation-state-change";
import { isPastExpiry, operationNotFound } from "./operation-views";

export async function handleOperationCallback({ actor, applicationId, operationId }: { actor: Actor; applicationId: string | null; operationId: string }): Promise<void> {
  assertCan(actor, "operations.write");
  await db.$transaction(async (tx) => {
    const row = await lockOperation(tx, { operationId, applicationId: actor.type === "CREDENTIAL" ? actor.applicationId : applicationId });
    if (!row) throw operationNotFound();
    if (row.status === "PENDING" && isPastExpiry(row)) {
      await writeOperationChange(tx, row, { to: "EXPIRED", actor, reason: "EXPIRED", statusReason: "EXPIRED" });
    }
  });
}
