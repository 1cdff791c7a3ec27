// GET /v2/operations/{operationId} (Get Operation Status) and DELETE (Cancel Operation).
import { ZOperationPathParams } from "@/schemas/operations";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { cancelOperation } from "@/server/services/operations/cancel-operation";
import { getOperation } from "@/server/services/operations/get-operation";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "application",
    params: ZOperationPathParams,
    handler: ({ actor, applicationId, params }) => getOperation({ actor, applicationId, operationId: params.operationId }),
  }),
  DELETE: restRoute({
    auth: "application",
    params: ZOperationPathParams,
    handler: async ({ actor, applicationId, params }) => {
      await cancelOperation({ actor, applicationId, operationId: params.operationId });
      return OK;
    },
  }),
});
