// POST /pa/v3/activation/remove (Standard RESTful API, protocol §12): a device removes its own
// registration, signed with possession and knowledge or biometry (§10.7). The body is signed but
// carries nothing.
import { ZSignedEmptyRequest } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { removeOwnRegistration } from "@/server/services/registrations/remove-own-registration";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { signature: "activationRemove" },
    family: "standard",
    body: ZSignedEmptyRequest,
    bodyOptional: true,
    handler: async ({ device }) => ({
      status: "OK",
      responseObject: await removeOwnRegistration({ registrationId: device!.registration.id, applicationId: device!.registration.applicationId, actor: device!.actor }),
    }),
  }),
});
