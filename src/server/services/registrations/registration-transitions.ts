/**
 * Which change a registration in a given state allows (cloud-multi-device-api.txt, "Edit
 * Registration Status"): CREATED and PENDING_COMMIT may only be removed, ACTIVE blocked or
 * removed, BLOCKED unblocked or removed; REMOVED is final. The messages are the documented ones.
 */
import type { RegistrationStatus } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";

export type RegistrationChangeKind = "BLOCK" | "UNBLOCK" | "REMOVE";

const ALLOWED: Record<RegistrationStatus, readonly RegistrationChangeKind[]> = {
  CREATED: ["REMOVE"],
  PENDING_COMMIT: ["REMOVE"],
  ACTIVE: ["BLOCK", "REMOVE"],
  BLOCKED: ["UNBLOCK", "REMOVE"],
  REMOVED: [],
};

const TARGET: Record<RegistrationChangeKind, RegistrationStatus> = { BLOCK: "BLOCKED", UNBLOCK: "ACTIVE", REMOVE: "REMOVED" };

export function allowedChanges(status: RegistrationStatus): readonly RegistrationChangeKind[] {
  return ALLOWED[status];
}

/** The state a change leads to, or the documented ERROR_REGISTRATION_CHANGE. */
export function applyChange(status: RegistrationStatus, change: RegistrationChangeKind): RegistrationStatus {
  const allowed = ALLOWED[status];
  if (!allowed.includes(change)) {
    throw new AppError(
      "ERROR_REGISTRATION_CHANGE",
      allowed.length === 0 ? `Activation is ${status}; it cannot be changed.` : `Activation is ${status}, you can only ${allowed.join(" or ")} it.`,
    );
  }
  return TARGET[change];
}

/** The block reason recorded when none is given (the reference's default). */
export const DEFAULT_BLOCK_REASON = "NOT_SPECIFIED";

export const registrationNotFound = (message = "Registration not found") => new AppError("ERROR_REGISTRATION_NOT_FOUND", message);
