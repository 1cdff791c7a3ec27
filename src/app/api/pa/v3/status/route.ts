// POST /pa/v3/status (Standard RESTful API, protocol §12): the server time 3.2+ SDKs synchronise with.
import { ZMobileStatusRequest } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getMobileApiStatus } from "@/server/services/system/get-mobile-api-status";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "none",
    family: "standard",
    body: ZMobileStatusRequest,
    bodyOptional: true,
    handler: () => ({ status: "OK", responseObject: getMobileApiStatus() }),
  }),
});
