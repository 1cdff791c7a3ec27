// POST /internal/callback/operation (Operation Callback, "Internal Services"): an internal system
// reports that an operation's status changed internally (it expired); the current status is
// checked and applied. HTTP Basic with the operation's application credential, like the rest of
// the Cloud API (the document's 401 is HTTP_401).
import { ZOperationCallbackRequest } from "@/schemas/operations";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { handleOperationCallback } from "@/server/services/operations/handle-operation-callback";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: "application",
    body: ZOperationCallbackRequest,
    handler: async ({ actor, applicationId, body }) => {
      await handleOperationCallback({ actor, applicationId, operationId: body.operationId });
      return OK;
    },
  }),
});
