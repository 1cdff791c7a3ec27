/**
 * The shared steps of every service that changes an operation: lock the row in the caller's
 * transaction (`SELECT … FOR UPDATE`, so two approvals, an approval and a cancel, or the expiry
 * job and an approval queue up and exactly one of them finds it PENDING), then write the new
 * state and its history row through `recordOperationChange`.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { OperationStatus } from "@/generated/prisma/enums";
import { type DbTx, sqlOf } from "@/server/db";

import type { Actor } from "../access/actor";
import { recordOperationChange } from "./operation-changes";
import { OPERATION_SELECT, UUID_TEXT, type OperationRow } from "./operation-views";

export type LockedOperationRow = OperationRow & { proximitySeedEncrypted: string | null };

/** The locked operation, or null (unknown, another application's, or not an id at all: all look the same). */
export async function lockOperation(tx: DbTx, { operationId, applicationId }: { operationId: string; applicationId: string | null }): Promise<LockedOperationRow | null> {
  if (!UUID_TEXT.test(operationId)) return null;
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM operation
     WHERE id = ${operationId}::uuid AND (${applicationId}::text IS NULL OR application_id = ${applicationId}::text)
       FOR UPDATE`;
  if (locked.length === 0) return null;
  return tx.operation.findUniqueOrThrow({ where: { id: operationId }, select: { ...OPERATION_SELECT, proximitySeedEncrypted: true } });
}

export interface OperationUpdate {
  to: OperationStatus;
  actor: Actor;
  /** The history row's reason. */
  reason?: string | null;
  registrationId?: string | null;
  /** Set the operation's statusReason (a rejection or cancel reason). */
  statusReason?: string | null;
  failureCount?: number;
  /** Merged into additionalData. */
  additionalData?: Record<string, string>;
  /** Set the user (a claim). */
  userId?: string;
}

const FINAL: ReadonlySet<OperationStatus> = new Set(["APPROVED", "REJECTED", "CANCELED", "EXPIRED", "FAILED"]);

/** Writes the change and its history row in the caller's transaction; returns the row after it. */
export async function writeOperationChange(tx: DbTx, row: OperationRow, update: OperationUpdate): Promise<OperationRow> {
  const data: Prisma.OperationUpdateInput = {
    status: update.to,
    ...(update.statusReason !== undefined ? { statusReason: update.statusReason } : {}),
    ...(update.failureCount !== undefined ? { failureCount: update.failureCount } : {}),
    ...(update.additionalData ? { additionalData: { ...(row.additionalData as Record<string, string>), ...update.additionalData } } : {}),
    ...(update.userId !== undefined ? { userId: update.userId } : {}),
    ...(FINAL.has(update.to) && row.status === "PENDING" ? { finishedAt: new Date() } : {}),
  };
  const after = await tx.operation.update({ where: { id: row.id }, data, select: OPERATION_SELECT });
  await recordOperationChange(sqlOf(tx), {
    operationId: row.id,
    applicationId: row.applicationId,
    userId: after.userId,
    from: row.status,
    to: update.to,
    reason: update.reason ?? null,
    registrationId: update.registrationId ?? null,
    actor: update.actor,
  });
  return after;
}
