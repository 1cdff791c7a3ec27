// GET, POST and DELETE /admin/applications/{id}/config (Application Configuration Services).
import { ZApplicationConfigKeyRequest, ZApplicationConfigRequest, ZApplicationPathParams } from "@/schemas/applications";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getApplicationConfig } from "@/server/services/applications/get-application-config";
import { removeApplicationConfig } from "@/server/services/applications/remove-application-config";
import { setApplicationConfig } from "@/server/services/applications/set-application-config";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    handler: ({ actor, params }) => getApplicationConfig({ actor, id: params.id }),
  }),
  POST: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    body: ZApplicationConfigRequest,
    handler: ({ actor, params, body }) =>
      setApplicationConfig({ actor, id: params.id, key: body.key, values: body.values ?? [] }),
  }),
  DELETE: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    body: ZApplicationConfigKeyRequest,
    handler: async ({ actor, params, body }) => {
      await removeApplicationConfig({ actor, id: params.id, key: body.key });
      return OK;
    },
  }),
});
