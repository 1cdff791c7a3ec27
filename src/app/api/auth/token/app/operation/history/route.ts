// POST /api/auth/token/app/operation/history (Mobile Token API, §14): the device user's
// operations in every state, signed `/operation/history` with possession_knowledge or
// possession_biometry (§10.7).
import { ZMobileEmptyRequest } from "@/schemas/operations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { listDeviceOperations } from "@/server/services/operations/list-device-operations";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { signature: "operationHistory" },
    family: "mobile-token",
    body: ZMobileEmptyRequest,
    bodyOptional: true,
    handler: async ({ device, request }) => ({
      status: "OK",
      responseObject: await listDeviceOperations({ registration: device!.registration, acceptLanguage: request.header("accept-language"), which: "history" }),
    }),
  }),
});
