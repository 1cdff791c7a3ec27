// GET /admin/app/list (push-server-api.txt "List Applications").
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { listPushApplications } from "@/server/services/push/list-push-applications";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    family: "push",
    handler: async ({ actor }) => ({ status: "OK", responseObject: { applicationList: await listPushApplications({ actor }) } }),
  }),
});
