/**
 * What of a registration leaves the server, and in which shape (never the row itself: keys, the
 * OTP hash and the counters stay inside). One select constant, the documented Cloud shapes
 * ("Get Registration Status" has four, the list one), and the where clause that limits an actor
 * to the registrations it may see.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { RegistrationStatus } from "@/generated/prisma/enums";

import type { Actor } from "../access/actor";

export const REGISTRATION_VIEW_SELECT = {
  id: true,
  applicationId: true,
  userId: true,
  status: true,
  activationCode: true,
  activationSignature: true,
  otpValidation: true,
  expiresAt: true,
  flags: true,
  blockedReason: true,
  failedAttempts: true,
  maxFailedAttempts: true,
  fingerprint: true,
  name: true,
  platform: true,
  deviceInfo: true,
  protocolVersion: true,
  createdAt: true,
  lastUsedAt: true,
  lastChangedAt: true,
} as const satisfies Prisma.RegistrationSelect;

export type RegistrationViewRow = Prisma.RegistrationGetPayload<{ select: typeof REGISTRATION_VIEW_SELECT }>;

/**
 * Which application's registrations an actor may touch: an application credential only its own
 * (whatever the request names), staff and the CLI any, or the one they ask for. `impossible` when
 * the request names another application than the credential's, or the credential has none.
 */
export function registrationScopeApplication(actor: Actor, applicationId?: string | null): { only: string | null; impossible: boolean } {
  if (actor.type === "CREDENTIAL") {
    const own = actor.applicationId;
    return { only: own, impossible: !own || (!!applicationId && applicationId !== own) };
  }
  return { only: applicationId ?? null, impossible: false };
}

/**
 * The same scope as a Prisma where clause, so "not yours" and "not found" look the same. REMOVED
 * registrations are gone for the Cloud API; callers exclude them where that applies.
 */
export function registrationScope(actor: Actor, applicationId?: string | null): Prisma.RegistrationWhereInput {
  const { only, impossible } = registrationScopeApplication(actor, applicationId);
  if (impossible) return { id: { in: [] } };
  return only ? { applicationId: only } : {};
}

/** Any syntactically valid UUID (the column type); anything else cannot name a registration. */
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const millis = (date: Date) => date.getTime();

/** The QR payload of §3.3: code and master-key signature, split at '#'. */
export const qrCodeDataOf = (row: Pick<RegistrationViewRow, "activationCode" | "activationSignature">) => `${row.activationCode}#${row.activationSignature}`;

export const isExpired = (row: Pick<RegistrationViewRow, "status" | "expiresAt">, now = new Date()) =>
  (row.status === "CREATED" || row.status === "PENDING_COMMIT") && row.expiresAt.getTime() <= now.getTime();

export type CloudRegistration =
  | {
      registrationId: string;
      registrationStatus: "CREATED";
      /** Null once the registration has expired (the expiry job has not removed it yet): the code can no longer be used. */
      activationQrCodeData: string | null;
      flags: string[];
      timestampCreated: number;
      timestampLastUsed: number;
    }
  | {
      registrationId: string;
      registrationStatus: "PENDING_COMMIT";
      name: string | null;
      platform: string | null;
      deviceInfo: string | null;
      activationFingerprint: string | null;
      flags: string[];
      timestampCreated: number;
      timestampLastUsed: number;
    }
  | {
      registrationId: string;
      registrationStatus: "ACTIVE" | "BLOCKED";
      name: string | null;
      platform: string | null;
      deviceInfo: string | null;
      flags: string[];
      timestampCreated: number;
      timestampLastUsed: number;
    };

/** `GET /v2/registrations/{registrationId}`: one of the four documented shapes (never REMOVED). */
export function toCloudRegistration(row: RegistrationViewRow, now = new Date()): CloudRegistration {
  const times = { flags: row.flags, timestampCreated: millis(row.createdAt), timestampLastUsed: millis(row.lastUsedAt) };
  const device = { name: row.name, platform: row.platform, deviceInfo: row.deviceInfo };
  switch (row.status) {
    case "CREATED":
      return {
        registrationId: row.id,
        registrationStatus: "CREATED",
        activationQrCodeData: isExpired(row, now) ? null : qrCodeDataOf(row),
        ...times,
      };
    case "PENDING_COMMIT":
      return { registrationId: row.id, registrationStatus: "PENDING_COMMIT", ...device, activationFingerprint: row.fingerprint, ...times };
    case "ACTIVE":
    case "BLOCKED":
      return { registrationId: row.id, registrationStatus: row.status, ...device, ...times };
    case "REMOVED":
      throw new Error("A REMOVED registration has no Cloud shape");
  }
}

export interface CloudRegistrationListItem {
  registrationId: string;
  registrationStatus: Exclude<RegistrationStatus, "REMOVED">;
  name: string | null;
  flags: string[];
  timestampCreated: number;
  timestampLastUsed: number;
}

/** One entry of `GET /v2/registrations?userId=`. */
export function toCloudListItem(row: RegistrationViewRow): CloudRegistrationListItem {
  if (row.status === "REMOVED") throw new Error("A REMOVED registration is not listed");
  return {
    registrationId: row.id,
    registrationStatus: row.status,
    name: row.name,
    flags: row.flags,
    timestampCreated: millis(row.createdAt),
    timestampLastUsed: millis(row.lastUsedAt),
  };
}

/** The console's view of a registration: everything but keys, hashes and counters' secrets. */
export interface RegistrationSummary {
  id: string;
  applicationId: string;
  userId: string;
  status: RegistrationStatus;
  otpValidation: RegistrationViewRow["otpValidation"];
  expiresAt: Date;
  expired: boolean;
  flags: string[];
  blockedReason: string | null;
  failedAttempts: number;
  maxFailedAttempts: number;
  fingerprint: string | null;
  name: string | null;
  platform: string | null;
  deviceInfo: string | null;
  protocolVersion: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  lastChangedAt: Date;
}

export function toRegistrationSummary(row: RegistrationViewRow, now = new Date()): RegistrationSummary {
  const { activationCode: _code, activationSignature: _signature, ...rest } = row;
  return { ...rest, expired: isExpired(row, now) };
}
