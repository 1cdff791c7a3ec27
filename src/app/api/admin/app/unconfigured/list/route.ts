// GET /admin/app/unconfigured/list (push-server-api.txt "List Unconfigured Applications").
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { listUnconfiguredPushApplications } from "@/server/services/push/list-push-applications";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    family: "push",
    handler: async ({ actor }) => ({ status: "OK", responseObject: { applicationList: await listUnconfiguredPushApplications({ actor }) } }),
  }),
});
