// POST /v2/registrations/{registrationId}/flags/remove (Remove Registration Flags); flags the
// registration does not have are ignored.
import { ZFlagsRequest, ZRegistrationPathParams } from "@/schemas/registrations";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { changeRegistrationFlags } from "@/server/services/registrations/change-registration-flags";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    params: ZRegistrationPathParams,
    body: ZFlagsRequest,
    handler: async ({ actor, applicationId, params, body }) => {
      await changeRegistrationFlags({ actor, applicationId, registrationId: params.registrationId, change: "remove", flags: body.flags });
      return OK;
    },
  }),
});
