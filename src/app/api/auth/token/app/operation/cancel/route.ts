// POST /api/auth/token/app/operation/cancel (Mobile Token API, §14): the user rejects, signed
// `/operation/cancel` with possession (§10.7).
import { ZMobileRejectRequest } from "@/schemas/operations";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { rejectOperation } from "@/server/services/operations/reject-operation";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { signature: "operationCancel" },
    family: "mobile-token",
    body: ZMobileRejectRequest,
    handler: async ({ device, body }) => {
      await rejectOperation({ registration: device!.registration, actor: device!.actor, operationId: body.requestObject.id, reason: body.requestObject.reason });
      return OK;
    },
  }),
});
