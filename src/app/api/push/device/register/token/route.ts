// POST /api/push/device/register/token (powerauth-protocol.md §14): the app's own push token, with its PowerAuth token.
import { ZMobilePushRegisterRequest } from "@/schemas/push";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { PLATFORM_ALIASES } from "@/server/services/push/push-device-rules";
import { registerOwnPushDevice } from "@/server/services/push/register-own-push-device";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { token: true },
    family: "mobile-token",
    body: ZMobilePushRegisterRequest,
    handler: async ({ device, body: { requestObject: input } }) => {
      await registerOwnPushDevice({ registration: device!.registration, binding: { platform: PLATFORM_ALIASES[input.platform]!, token: input.token, environment: input.environment ?? null } });
      return OK;
    },
  }),
});
