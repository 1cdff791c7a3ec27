// POST /admin/applications/{id}/roles/remove (Remove Roles From Application; missing roles are ignored).
import { ZApplicationPathParams, ZRolesRequest } from "@/schemas/applications";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { removeApplicationRoles } from "@/server/services/applications/remove-application-roles";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    body: ZRolesRequest,
    handler: async ({ actor, params, body }) => {
      await removeApplicationRoles({ actor, id: params.id, roles: body.roles });
      return OK;
    },
  }),
});
