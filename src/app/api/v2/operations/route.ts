// POST /v2/operations (Create New Operation). The application is the credential's; an unknown
// template or a parameter the template needs is ERROR_REQUEST naming the field; a user without an
// ACTIVE registration (with the flag, if given) is ERROR_REGISTRATION_NOT_FOUND, as documented.
import { ZCreateOperationRequest } from "@/schemas/operations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createOperation } from "@/server/services/operations/create-operation";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    body: ZCreateOperationRequest,
    handler: ({ actor, applicationId, body }) => createOperation({ actor, applicationId: applicationId!, ...body }),
  }),
});
