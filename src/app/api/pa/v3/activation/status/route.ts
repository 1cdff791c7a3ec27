// POST /pa/v3/activation/status (Standard RESTful API, protocol §9): the encrypted status blob.
import { ZActivationStatusRequest } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getActivationStatus } from "@/server/services/registrations/get-activation-status";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "none",
    family: "standard",
    body: ZActivationStatusRequest,
    handler: async ({ body }) => ({ status: "OK", responseObject: await getActivationStatus(body.requestObject) }),
  }),
});
