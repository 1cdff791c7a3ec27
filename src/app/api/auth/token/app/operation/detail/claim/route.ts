// POST /api/auth/token/app/operation/detail/claim (Mobile Token API, §14): the detail, assigning a
// user-less pending operation to the device's user. Token, or a signature (`/operation/detail/claim`).
import { ZMobileOperationRequest } from "@/schemas/operations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getDeviceOperation } from "@/server/services/operations/get-device-operation";
import { mobileTimestamp } from "@/server/services/operations/mobile-operation-view";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { token: true, orSignature: "operationClaim" },
    family: "mobile-token",
    body: ZMobileOperationRequest,
    handler: async ({ device, body, request }) => ({
      status: "OK",
      responseObject: await getDeviceOperation({ registration: device!.registration, actor: device!.actor, operationId: body.requestObject.id, acceptLanguage: request.header("accept-language"), claim: true }),
      currentTimestamp: mobileTimestamp(new Date()),
    }),
  }),
});
