// POST /v2/signature/verify (cloud-multi-device-api.txt, "Verify Signature (Online Approval)").
import { ZVerifySignatureRequest } from "@/schemas/verification";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { verifySignatureRequest } from "@/server/services/verification/verify-signature-request";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    body: ZVerifySignatureRequest,
    handler: ({ actor, applicationId, body }) => verifySignatureRequest({ actor, applicationId: applicationId!, request: body }),
  }),
});
