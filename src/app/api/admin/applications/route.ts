// GET /admin/applications (Get Application List) and POST /admin/applications (Create Application).
import { ZCreateApplicationRequest } from "@/schemas/applications";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createApplication } from "@/server/services/applications/create-application";
import { listApplicationIds } from "@/server/services/applications/list-applications";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    handler: async ({ actor }) => ({ applications: await listApplicationIds({ actor }) }),
  }),
  POST: restRoute({
    auth: "admin",
    body: ZCreateApplicationRequest,
    handler: ({ actor, body }) => createApplication({ actor, id: body.id, roles: body.roles }),
  }),
});
