// GET /v2/registrations/{registrationId} (Get Registration Status), PUT (Edit Registration Status:
// BLOCK, UNBLOCK, REMOVE) and DELETE (Remove Registration, the same as PUT with REMOVE).
import { ZChangeRegistrationRequest, ZRegistrationPathParams } from "@/schemas/registrations";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { changeRegistrationStatus } from "@/server/services/registrations/change-registration-status";
import { getRegistration } from "@/server/services/registrations/get-registration";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "application",
    params: ZRegistrationPathParams,
    handler: ({ actor, applicationId, params }) => getRegistration({ actor, applicationId, registrationId: params.registrationId }),
  }),
  PUT: restRoute({
    auth: "application",
    params: ZRegistrationPathParams,
    body: ZChangeRegistrationRequest,
    handler: async ({ actor, applicationId, params, body }) => {
      await changeRegistrationStatus({ actor, applicationId, registrationId: params.registrationId, ...body });
      return OK;
    },
  }),
  DELETE: restRoute({
    auth: "application",
    params: ZRegistrationPathParams,
    handler: async ({ actor, applicationId, params }) => {
      await changeRegistrationStatus({ actor, applicationId, registrationId: params.registrationId, change: "REMOVE" });
      return OK;
    },
  }),
});
