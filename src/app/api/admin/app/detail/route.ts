// POST /admin/app/detail (push-server-api.txt "Application Detail").
import { ZPushAppDetailRequest } from "@/schemas/push";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getPushConfiguration } from "@/server/services/push/get-push-configuration";
import { toPushApplicationDetail } from "@/server/services/push/push-credential-store";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "admin",
    family: "push",
    body: ZPushAppDetailRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      const { credentials } = await getPushConfiguration({ actor, applicationId: input.appId, requirePushApplication: true });
      const include = { apns: input.includeApns === true, fcm: input.includeFcm === true, hms: input.includeHms === true };
      return { status: "OK", responseObject: toPushApplicationDetail(input.appId, credentials, include) };
    },
  }),
});
