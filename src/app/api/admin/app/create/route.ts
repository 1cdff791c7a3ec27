// POST /admin/app/create (push-server-api.txt "Create Application").
import { ZPushAppIdRequest } from "@/schemas/push";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createPushApplication } from "@/server/services/push/create-push-application";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "admin",
    family: "push",
    body: ZPushAppIdRequest,
    handler: async ({ actor, body }) => ({ status: "OK", responseObject: await createPushApplication({ actor, applicationId: body.requestObject.appId }) }),
  }),
});
