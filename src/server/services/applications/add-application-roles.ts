/**
 * Adds application roles (`POST /admin/applications/roles`); roles already present are ignored,
 * as documented. Returns the role set after the change.
 */
import type { Actor } from "../access/actor";
import { changeApplicationRoles } from "./change-application-roles";

export function addApplicationRoles({ actor, id, roles }: { actor: Actor; id: string; roles: string[] }): Promise<string[]> {
  return changeApplicationRoles(actor, id, roles, "add");
}
