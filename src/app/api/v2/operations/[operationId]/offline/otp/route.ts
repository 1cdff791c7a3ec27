// POST /v2/operations/{operationId}/offline/otp (Verify Operation OTP, Offline Approval): the OTP
// in any of the three documented formats (4×4 with dashes, 2×8 with a dash, 16 digits), §13.3.
import { ZOfflineOtpRequest, ZOperationPathParams } from "@/schemas/operations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { verifyOperationOtp } from "@/server/services/operations/verify-operation-otp";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    params: ZOperationPathParams,
    body: ZOfflineOtpRequest,
    handler: ({ actor, applicationId, params, body }) => verifyOperationOtp({ actor, applicationId, operationId: params.operationId, ...body }),
  }),
});
