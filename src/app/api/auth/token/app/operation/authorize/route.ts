// POST /api/auth/token/app/operation/authorize (Mobile Token API, §14): the user approves, signed
// `/operation/authorize` over the exact body (§10.7; the operation narrows the types). A signature
// that does not verify counts as a failed attempt on the operation it names.
import { ZMobileAuthorizeRequest } from "@/schemas/operations";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { authorizeOperation, recordFailedSignatureApproval } from "@/server/services/operations/authorize-operation";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { signature: "operationAuthorize", onFailure: recordFailedSignatureApproval },
    family: "mobile-token",
    body: ZMobileAuthorizeRequest,
    handler: async ({ device, body }) => {
      const { id, data, proximityCheck } = body.requestObject;
      await authorizeOperation({ registration: device!.registration, actor: device!.actor, signatureType: device!.signatureType, operationId: id, data, proximityOtp: proximityCheck?.otp });
      return OK;
    },
  }),
});
