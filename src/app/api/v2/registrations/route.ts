// POST /v2/registrations (Create New Registration) and GET /v2/registrations?userId= (Get
// Registration List). The application is the credential's; an `appId` naming another one is
// ERROR_REGISTRATION_NOT_FOUND, as the document lists for "no access".
import { ZCreateRegistrationRequest, ZRegistrationListQuery } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createRegistration } from "@/server/services/registrations/create-registration";
import { listUserRegistrations } from "@/server/services/registrations/list-registrations";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    body: ZCreateRegistrationRequest,
    handler: async ({ actor, body }) => {
      const created = await createRegistration({ actor, applicationId: body.appId, userId: body.userId, otp: body.otp, otpValidation: body.otpValidation, flags: body.flags });
      return { activationQrCodeData: created.activationQrCodeData, registrationId: created.registrationId };
    },
  }),
  GET: restRoute({
    auth: "application",
    query: ZRegistrationListQuery,
    handler: ({ actor, applicationId, query }) => listUserRegistrations({ actor, applicationId, userId: query.userId }),
  }),
});
