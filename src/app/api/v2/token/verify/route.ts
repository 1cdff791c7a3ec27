// POST /v2/token/verify (cloud-multi-device-api.txt, "Verify PowerAuth Token").
import { ZVerifyTokenRequest } from "@/schemas/verification";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { verifyTokenRequest } from "@/server/services/verification/verify-token-request";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    body: ZVerifyTokenRequest,
    handler: ({ applicationId, body }) => verifyTokenRequest({ applicationId: applicationId!, authHeader: body.authHeader }),
  }),
});
