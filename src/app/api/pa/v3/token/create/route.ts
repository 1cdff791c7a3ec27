// POST /pa/v3/token/create (Standard RESTful API, protocol §11.1): signed (possession-based types,
// §10.7) over the raw ECIES body (encrypt-then-sign, §19.9); the answer is the raw ECIES response.
import { ZEciesRequestBody } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createToken } from "@/server/services/verification/create-token";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { signature: "tokenCreate" },
    family: "standard",
    body: ZEciesRequestBody,
    handler: ({ device, body }) => createToken({ device: device!, body }),
  }),
});
