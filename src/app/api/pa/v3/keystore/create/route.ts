// POST /pa/v3/keystore/create (Standard RESTful API, protocol §6): a 3.3 temporary encryption key.
import { ZTemporaryKeyRequest } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createTemporaryKey } from "@/server/services/registrations/create-temporary-key";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "none",
    family: "standard",
    body: ZTemporaryKeyRequest,
    handler: async ({ body }) => ({ status: "OK", responseObject: await createTemporaryKey({ jwt: body.requestObject.jwt }) }),
  }),
});
