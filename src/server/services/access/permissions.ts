/**
 * What each kind of actor may do. Checked in services, so no transport can forget a check.
 *
 * - Viewers read everything (secrets are never readable by anyone).
 * - Operators also run the day-to-day work: block, unblock and remove registrations, cancel
 *   operations, send test pushes (later: campaigns, inbox, callbacks).
 * - Administrators also configure: applications and their keys, integration credentials, staff.
 * - Admin-scope integration credentials may use the whole admin API; application-scope ones only
 *   their own application's business API. The CLI runs with shell access and may do everything.
 */
import type { StaffRole } from "@/schemas/staff";
import { forbidden } from "@/server/errors";

import type { Actor } from "./actor";

export const PERMISSIONS = [
  "applications.read",
  "applications.write",
  "credentials.read",
  "credentials.write",
  "staff.read",
  "staff.write",
  "audit.read",
  "audit.verify",
  "registrations.read",
  "registrations.write",
  "operations.read",
  "operations.write",
  "templates.read",
  "templates.write",
  "push.read",
  "push.configure",
  "push.devices",
  "push.send",
  "push.broadcast",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["applications.read", "credentials.read", "staff.read", "audit.read", "registrations.read", "operations.read", "templates.read", "push.read"];
/** Day-to-day work on customers' devices and approvals: block, unblock, remove, cancel. */
const OPERATE: Permission[] = ["registrations.write", "operations.write", "push.send"];
const ALL: Permission[] = [...PERMISSIONS];

const STAFF_PERMISSIONS: Record<StaffRole, ReadonlySet<Permission>> = {
  VIEWER: new Set(READ),
  OPERATOR: new Set([...READ, ...OPERATE]),
  ADMINISTRATOR: new Set(ALL),
};

const ADMIN_CREDENTIAL: ReadonlySet<Permission> = new Set<Permission>([
  "applications.read",
  "applications.write",
  "audit.read",
  "templates.read",
  "templates.write",
  // The Push Server and Cloud push admin: provider credentials (push-server-api.txt "Administration").
  "push.read",
  "push.configure",
]);

/**
 * An application credential runs its application's business API: registrations, operations,
 * verification. Which application is decided by the services' `where` clauses (the credential's
 * own), never by the request.
 */
const APPLICATION_CREDENTIAL: ReadonlySet<Permission> = new Set<Permission>([
  "registrations.read",
  "registrations.write",
  "operations.read",
  "operations.write",
  "templates.read",
  // The Push Server device API for its own application's registrations.
  "push.read",
  "push.devices",
  // Push messages to its own application's users (Cloud `/v2/messages/send`, Push Server `/push/message/**`).
  "push.send",
]);

export function can(actor: Actor, permission: Permission): boolean {
  switch (actor.type) {
    case "STAFF":
      return STAFF_PERMISSIONS[actor.role].has(permission);
    case "CREDENTIAL":
      return (actor.scope === "ADMIN" ? ADMIN_CREDENTIAL : APPLICATION_CREDENTIAL).has(permission);
    case "CLI":
    case "SYSTEM":
      return true;
    case "ANONYMOUS":
    case "DEVICE":
      return false;
  }
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw forbidden(`Your role does not allow ${permission.replace(".", " ")}`);
  }
}

export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((permission) => can(actor, permission));
}
