/**
 * One operation for the phone (Mobile Token `detail` and `detail/claim`, §14). `claim` assigns an
 * operation without a user to the device's user, while it is PENDING (powerauth-products.md #1399,
 * #1771: never after it finished, never re-assigning one that has a user), with its history row.
 * An operation of another user, application or flag is OPERATION_NOT_FOUND.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { isVisibleTo, mobileOperationNotFound, templateTextsOf, type DeviceRegistration } from "./mobile-operation-access";
import { toMobileOperation, type MobileOperation } from "./mobile-operation-view";
import { lockOperation, writeOperationChange } from "./operation-state-change";
import { effectiveStatus, OPERATION_SELECT, UUID_TEXT, type OperationRow } from "./operation-views";

export async function getDeviceOperation({
  registration,
  actor,
  operationId,
  acceptLanguage,
  claim = false,
}: {
  registration: DeviceRegistration;
  actor: Actor;
  operationId: string;
  acceptLanguage?: string | null;
  claim?: boolean;
}): Promise<MobileOperation> {
  if (!UUID_TEXT.test(operationId)) throw mobileOperationNotFound();
  if (!claim) {
    const row = await db.operation.findFirst({ where: { id: operationId, applicationId: registration.applicationId }, select: OPERATION_SELECT });
    if (!row || !isVisibleTo(row, registration)) throw mobileOperationNotFound();
    const texts = await templateTextsOf(db, [row.templateId]);
    return toMobileOperation(row, texts.get(row.templateId) ?? {}, acceptLanguage);
  }
  return db.$transaction(async (tx) => {
    const locked = await lockOperation(tx, { operationId, applicationId: registration.applicationId });
    if (!locked || !isVisibleTo(locked, registration, { claiming: true })) throw mobileOperationNotFound();
    let row: OperationRow = locked;
    if (row.userId === null) {
      // A user-less operation that is no longer pending cannot be claimed: it stays nobody's.
      if (effectiveStatus(row) !== "PENDING") throw mobileOperationNotFound();
      row = await writeOperationChange(tx, row, { to: "PENDING", actor, reason: "CLAIMED", registrationId: registration.id, userId: registration.userId });
    }
    const texts = await templateTextsOf(tx, [row.templateId]);
    return toMobileOperation(row, texts.get(row.templateId) ?? {}, acceptLanguage);
  });
}
