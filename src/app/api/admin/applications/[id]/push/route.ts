// GET /admin/applications/{id}/push (admin-services-api.txt "Fetch Push Configuration").
import { ZApplicationPathParams } from "@/schemas/applications";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getPushConfiguration } from "@/server/services/push/get-push-configuration";
import { toCloudPushConfiguration } from "@/server/services/push/push-credential-store";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    handler: async ({ actor, params }) => {
      const { credentials } = await getPushConfiguration({ actor, applicationId: params.id });
      return toCloudPushConfiguration(params.id, credentials);
    },
  }),
});
