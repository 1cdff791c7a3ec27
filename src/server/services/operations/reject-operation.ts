/**
 * The user rejects an operation on the phone (Mobile Token `cancel`, §14): PENDING → REJECTED
 * with the user's reason (UNKNOWN when none is given) as statusReason and history reason, under
 * the row lock. The request is signed with possession (§10.7); the wrapper verified it.
 */
import { db } from "@/server/db";
import type { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { isVisibleTo, mobileOperationNotFound, mobileStateError, type DeviceRegistration } from "./mobile-operation-access";
import { lockOperation, writeOperationChange } from "./operation-state-change";
import { UUID_TEXT } from "./operation-views";

export async function rejectOperation({ registration, actor, operationId, reason }: { registration: DeviceRegistration; actor: Actor; operationId: string; reason?: string }): Promise<void> {
  if (!UUID_TEXT.test(operationId)) throw mobileOperationNotFound();
  const error = await db.$transaction(async (tx): Promise<AppError | null> => {
    const row = await lockOperation(tx, { operationId, applicationId: registration.applicationId });
    if (!row || row.userId === null || !isVisibleTo(row, registration)) return mobileOperationNotFound();
    const stateError = mobileStateError(row);
    if (stateError) return stateError;
    const why = reason ?? "UNKNOWN";
    await writeOperationChange(tx, row, { to: "REJECTED", actor, reason: why, statusReason: why, registrationId: registration.id, additionalData: { activationId: registration.id } });
    return null;
  });
  if (error) throw error;
}
