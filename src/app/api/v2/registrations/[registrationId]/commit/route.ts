// POST /v2/registrations/{registrationId}/commit (Commit New Registration). Both members are
// optional, so an empty body is accepted too.
import { ZCommitRegistrationRequest, ZRegistrationPathParams } from "@/schemas/registrations";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { commitRegistration } from "@/server/services/registrations/commit-registration";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    params: ZRegistrationPathParams,
    body: ZCommitRegistrationRequest,
    bodyOptional: true,
    handler: async ({ actor, applicationId, params, body }) => {
      await commitRegistration({ actor, applicationId, registrationId: params.registrationId, otp: body.otp, externalUserId: body.externalUserId });
      return OK;
    },
  }),
});
