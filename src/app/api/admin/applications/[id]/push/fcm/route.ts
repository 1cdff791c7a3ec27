// POST and DELETE /admin/applications/{id}/push/fcm (admin-services-api.txt "Push Notification Services").
import { ZApplicationPathParams } from "@/schemas/applications";
import { ZCloudFcmRequest } from "@/schemas/push";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { toCloudPushConfiguration } from "@/server/services/push/push-credential-store";
import { removePushCredential } from "@/server/services/push/remove-push-credential";
import { setPushCredential } from "@/server/services/push/set-push-credential";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    body: ZCloudFcmRequest,
    handler: async ({ actor, params, body }) => toCloudPushConfiguration(params.id, await setPushCredential({ actor, applicationId: params.id, input: { provider: "FCM", ...body } })),
  }),
  DELETE: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    handler: async ({ actor, params }) => {
      await removePushCredential({ actor, applicationId: params.id, provider: "FCM" });
      return OK;
    },
  }),
});
