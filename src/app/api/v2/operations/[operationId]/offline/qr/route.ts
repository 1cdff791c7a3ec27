// GET /v2/operations/{operationId}/offline/qr?registrationId= (Get Operation QR Code, Offline
// Approval): the personalised QR payload of protocol §13.1 and its nonce.
import { ZOfflineQrQuery, ZOperationPathParams } from "@/schemas/operations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { createOfflineQr } from "@/server/services/operations/create-offline-qr";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "application",
    params: ZOperationPathParams,
    query: ZOfflineQrQuery,
    handler: ({ actor, applicationId, params, query }) => createOfflineQr({ actor, applicationId, operationId: params.operationId, registrationId: query.registrationId }),
  }),
});
