// POST /admin/applications/roles (Add Roles) and DELETE /admin/applications/roles (Remove Roles,
// Cloud v2 variant with a body; the newer variant is POST /admin/applications/{id}/roles/remove).
import { ZApplicationRolesRequest } from "@/schemas/applications";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { addApplicationRoles } from "@/server/services/applications/add-application-roles";
import { removeApplicationRoles } from "@/server/services/applications/remove-application-roles";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "admin",
    body: ZApplicationRolesRequest,
    handler: async ({ actor, body }) => {
      await addApplicationRoles({ actor, id: body.id, roles: body.roles });
      return OK;
    },
  }),
  DELETE: restRoute({
    auth: "admin",
    body: ZApplicationRolesRequest,
    handler: async ({ actor, body }) => {
      await removeApplicationRoles({ actor, id: body.id, roles: body.roles });
      return OK;
    },
  }),
});
