// POST /api/auth/token/app/operation/list (Mobile Token API, powerauth-protocol.md §14): the
// device user's pending operations. Authenticated with X-PowerAuth-Token, as the reference's code
// does, or with a signature (`/operation/list`), as its API document says (§19.8).
import { ZMobileEmptyRequest } from "@/schemas/operations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { mobileTimestamp } from "@/server/services/operations/mobile-operation-view";
import { listDeviceOperations } from "@/server/services/operations/list-device-operations";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { token: true, orSignature: "operationList" },
    family: "mobile-token",
    body: ZMobileEmptyRequest,
    bodyOptional: true,
    handler: async ({ device, request }) => ({
      status: "OK",
      responseObject: await listDeviceOperations({ registration: device!.registration, acceptLanguage: request.header("accept-language"), which: "pending" }),
      currentTimestamp: mobileTimestamp(new Date()),
    }),
  }),
});
