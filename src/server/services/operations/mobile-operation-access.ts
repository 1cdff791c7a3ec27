/**
 * What a device may see and do of operations (Mobile Token API, powerauth-protocol.md §14): the
 * operations of its own user and application whose activation flag (if any) the registration
 * carries; the errors the Mobile Token API documents for operations in the wrong state; and the
 * failed-approval rule every approval path shares (the operation's own failure count, FAILED at
 * its limit, each attempt with its history row).
 */
import type { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db";
import { AppError } from "@/server/errors";
import type { TemplateTexts } from "@/schemas/templates";

import type { Actor } from "../access/actor";
import { writeOperationChange } from "./operation-state-change";
import { effectiveStatus, type OperationRow } from "./operation-views";

export interface DeviceRegistration {
  id: string;
  applicationId: string;
  userId: string;
  flags: string[];
}

/** The where clause of the operations a device may list. */
export function deviceOperationScope(registration: DeviceRegistration): Prisma.OperationWhereInput {
  return {
    applicationId: registration.applicationId,
    userId: registration.userId,
    OR: [{ activationFlag: null }, { activationFlag: { in: registration.flags } }],
  };
}

export const mobileOperationNotFound = () => new AppError("OPERATION_NOT_FOUND", "Operation not found");

/** Whether a device may see this operation (a user-less one only to claim it). */
export function isVisibleTo(row: OperationRow, registration: DeviceRegistration, { claiming = false } = {}): boolean {
  if (row.applicationId !== registration.applicationId) return false;
  if (row.userId === null ? !claiming : row.userId !== registration.userId) return false;
  return !row.activationFlag || registration.flags.includes(row.activationFlag);
}

/** Null while the operation can still be acted on; else the documented error for its state. */
export function mobileStateError(row: OperationRow, now = new Date()): AppError | null {
  switch (effectiveStatus(row, now)) {
    case "PENDING":
      return null;
    case "EXPIRED":
      return new AppError("OPERATION_EXPIRED", "Operation is expired");
    case "FAILED":
      return new AppError("OPERATION_ALREADY_FAILED", "Operation is already failed");
    case "CANCELED":
      return new AppError("OPERATION_ALREADY_CANCELED", "Operation is already canceled");
    default:
      return new AppError("OPERATION_ALREADY_FINISHED", "Operation is already finished");
  }
}

/**
 * One failed approval attempt: failureCount + 1, and FAILED when it reaches maxFailureCount
 * (powerauth-products.md §1.4 "Approve"). Returns whether the operation failed for good.
 */
export async function countFailedApproval(tx: DbTx, row: OperationRow, { actor, registrationId, why }: { actor: Actor; registrationId: string | null; why: string }): Promise<boolean> {
  const failureCount = row.failureCount + 1;
  const failed = failureCount >= row.maxFailureCount;
  await writeOperationChange(tx, row, {
    to: failed ? "FAILED" : "PENDING",
    actor,
    reason: failed ? `MAX_FAILURE_COUNT:${why}` : `APPROVAL_FAILED:${why}`,
    registrationId,
    failureCount,
    ...(failed ? { statusReason: "MAX_FAILURE_COUNT" } : {}),
    ...(registrationId ? { additionalData: { activationId: registrationId } } : {}),
  });
  return failed;
}

/** The error a failed attempt answers with: 401 POWERAUTH_AUTH_FAIL, or OPERATION_FAILED at the limit (§14). */
export const failedApprovalError = (failed: boolean) =>
  failed ? new AppError("OPERATION_FAILED", "Operation approval failed too many times; the operation is FAILED") : new AppError("POWERAUTH_AUTH_FAIL", "Operation approval failed");

export async function templateTextsOf(tx: Pick<DbTx, "operationTemplate">, templateIds: string[]): Promise<Map<string, Record<string, TemplateTexts>>> {
  const rows = await tx.operationTemplate.findMany({ where: { id: { in: [...new Set(templateIds)] } }, select: { id: true, texts: true } });
  return new Map(rows.map((row) => [row.id, row.texts as Record<string, TemplateTexts>]));
}
