/**
 * Removes application roles (`POST /admin/applications/{id}/roles/remove`); absent roles are
 * ignored, as documented. Returns the role set after the change.
 */
import type { Actor } from "../access/actor";
import { changeApplicationRoles } from "./change-application-roles";

export function removeApplicationRoles({ actor, id, roles }: { actor: Actor; id: string; roles: string[] }): Promise<string[]> {
  return changeApplicationRoles(actor, id, roles, "remove");
}
