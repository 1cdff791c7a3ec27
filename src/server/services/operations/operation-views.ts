/**
 * What of an operation leaves the server, and in which shape: the Cloud API's operation object
 * (Long milliseconds, cloud-multi-device-api.txt "Get Operation Status") and the scope rule that
 * limits an actor to the operations it may see. Never the row itself: the proximity seed stays in.
 *
 * Reading never changes state. An operation still PENDING after its expiry (the expiry job has not
 * swept it yet) is *reported* as EXPIRED, as the reference computes it on read (powerauth-products.md
 * §1.4, server #1803), and every action refuses it; only the job writes the EXPIRED status and its
 * history row.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { OperationStatus } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";

export const OPERATION_SELECT = {
  id: true,
  applicationId: true,
  userId: true,
  templateId: true,
  templateName: true,
  operationType: true,
  data: true,
  parameters: true,
  language: true,
  externalId: true,
  activationFlag: true,
  status: true,
  statusReason: true,
  signatureTypes: true,
  riskFlags: true,
  failureCount: true,
  maxFailureCount: true,
  additionalData: true,
  createdAt: true,
  expiresAt: true,
  finishedAt: true,
} as const satisfies Prisma.OperationSelect;

export type OperationRow = Prisma.OperationGetPayload<{ select: typeof OPERATION_SELECT }>;

/** Any syntactically valid UUID (the column type); anything else cannot name an operation. */
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isPastExpiry = (row: { expiresAt: Date }, now = new Date()) => row.expiresAt.getTime() <= now.getTime();

/** The status as reported: a PENDING operation past its expiry reads as EXPIRED (see above). */
export function effectiveStatus(row: { status: OperationStatus; expiresAt: Date }, now = new Date()): OperationStatus {
  return row.status === "PENDING" && isPastExpiry(row, now) ? "EXPIRED" : row.status;
}

/**
 * Which application's operations an actor may touch: an application credential only its own
 * (whatever the request names); staff, the CLI and the system any, or the one they ask for.
 */
export function operationScope(actor: Actor, applicationId?: string | null): Prisma.OperationWhereInput {
  if (actor.type === "CREDENTIAL") {
    const own = actor.applicationId;
    if (!own || (applicationId && applicationId !== own)) return { id: { in: [] } };
    return { applicationId: own };
  }
  return applicationId ? { applicationId } : {};
}

export const operationNotFound = () => new AppError("ERROR_OPERATION_NOT_FOUND", "Operation with given ID was not found");
export const operationStateChange = () => new AppError("ERROR_OPERATION_STATE_CHANGE", "Operation is in invalid state for requested action");

const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([key, item]) => [key, String(item)]));

export interface CloudOperation {
  operationId: string;
  userId: string;
  externalId?: string;
  status: OperationStatus;
  template: string;
  operationType: string;
  flag?: string;
  parameters: Record<string, string>;
  additionalData?: Record<string, string>;
  failureCount: number;
  maxFailureCount: number;
  timestampCreated: number;
  timestampExpires: number;
}

/**
 * The documented Cloud object. `template` is in both attribute tables (required) though not in the
 * examples; absent optionals (externalId, flag) are left out. The create response has externalId
 * and no additionalData; the status response additionalData and no externalId, as documented.
 */
export function toCloudOperation(row: OperationRow, shape: "create" | "status", now = new Date()): CloudOperation {
  return {
    operationId: row.id,
    userId: row.userId ?? "",
    ...(shape === "create" && row.externalId ? { externalId: row.externalId } : {}),
    status: effectiveStatus(row, now),
    template: row.templateName,
    operationType: row.operationType,
    ...(row.activationFlag ? { flag: row.activationFlag } : {}),
    parameters: stringMap(row.parameters),
    ...(shape === "status" ? { additionalData: stringMap(row.additionalData) } : {}),
    failureCount: row.failureCount,
    maxFailureCount: row.maxFailureCount,
    timestampCreated: row.createdAt.getTime(),
    timestampExpires: row.expiresAt.getTime(),
  };
}
