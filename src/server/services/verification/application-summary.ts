/**
 * The `application` member of the Cloud verification answers (`{name, roles}`), for the cases
 * where no registration was found and so the check did not read it with the registration.
 */
import { defineStatement, hotQuery } from "@/server/db";

const APPLICATION_ROLES = defineStatement<[string]>()(
  "verification_application_roles",
  `SELECT coalesce(json_agg(name ORDER BY name COLLATE "C"), '[]') AS roles FROM application_role WHERE application_id = $1`,
  (row) => row.roles as string[],
);

export interface ApplicationSummary {
  name: string;
  roles: string[];
}

export async function applicationSummary(applicationId: string, roles?: string[]): Promise<ApplicationSummary> {
  if (roles) return { name: applicationId, roles };
  const [found] = await hotQuery(APPLICATION_ROLES, [applicationId]);
  return { name: applicationId, roles: found ?? [] };
}
