// POST /v2/registrations/{registrationId}/flags (Add Registration Flags) and PUT (Update
// Registration Flags: replace them all).
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
      await changeRegistrationFlags({ actor, applicationId, registrationId: params.registrationId, change: "add", flags: body.flags });
      return OK;
    },
  }),
  PUT: restRoute({
    auth: "application",
    params: ZRegistrationPathParams,
    body: ZFlagsRequest,
    handler: async ({ actor, applicationId, params, body }) => {
      await changeRegistrationFlags({ actor, applicationId, registrationId: params.registrationId, change: "replace", flags: body.flags });
      return OK;
    },
  }),
});
