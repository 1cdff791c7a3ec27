// POST /pa/v3/activation/create (Standard RESTful API, protocol §7): the activation key exchange.
// The body and the answer are raw ECIES objects (no requestObject/responseObject envelope).
import { ZEciesRequestBody } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createActivation } from "@/server/services/registrations/create-activation";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "none",
    family: "standard",
    body: ZEciesRequestBody,
    handler: ({ body, request }) => createActivation({ encryptionHeader: request.header("x-powerauth-encryption"), body }),
  }),
});
