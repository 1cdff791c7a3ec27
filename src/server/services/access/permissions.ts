/**
 * What each kind of actor may do. Checked in services, so no transport can forget a check.
 *
 * - Viewers read everything (secrets are never readable by anyone).
 * - Operators also run the day-to-day work (registrations, operations, push, campaigns, inbox,
 *   callbacks) once those areas exist.
 * - Administrators also configure: applications and their keys, integration credentials, staff.
 * - Admin-scope integration credentials may use the whole admin API; application-scope ones only
 *   their own application's business API. The CLI runs with shell access and may do everything.
 */
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
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["applications.read", "credentials.read", "staff.read", "audit.read"];
const ALL: Permission[] = [...PERMISSIONS];

const STAFF_PERMISSIONS: Record<"ADMINISTRATOR" | "OPERATOR" | "VIEWER", ReadonlySet<Permission>> = {
  VIEWER: new Set(READ),
  OPERATOR: new Set(READ),
  ADMINISTRATOR: new Set(ALL),
};

const ADMIN_CREDENTIAL: ReadonlySet<Permission> = new Set<Permission>([
  "applications.read",
  "applications.write",
  "audit.read",
]);

export function can(actor: Actor, permission: Permission): boolean {
  switch (actor.type) {
    case "STAFF":
      return STAFF_PERMISSIONS[actor.role].has(permission);
    case "CREDENTIAL":
      return actor.scope === "ADMIN" && ADMIN_CREDENTIAL.has(permission);
    case "CLI":
    case "SYSTEM":
      return true;
    case "ANONYMOUS":
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
