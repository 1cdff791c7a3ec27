// POST /push/device/create (push-server-api.txt "Create Device").
import { ZCreatePushDeviceRequest } from "@/schemas/push";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createPushDevices } from "@/server/services/push/create-push-devices";
import { PLATFORM_ALIASES } from "@/server/services/push/push-device-rules";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    family: "push",
    body: ZCreatePushDeviceRequest,
    handler: async ({ actor, body: { requestObject: input } }) => {
      const binding = { platform: PLATFORM_ALIASES[input.platform]!, token: input.token, environment: input.environment ?? null };
      await createPushDevices({ actor, appId: input.appId, activationIds: [input.activationId], binding });
      return OK;
    },
  }),
});
