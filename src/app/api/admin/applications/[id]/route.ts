// GET /admin/applications/{id}?version= (Get App Details). An application whose id is literally
// "detail" or "roles" is reachable through /admin/applications/detail?id= instead.
import { ZApplicationPathParams, ZVersionQuery } from "@/schemas/applications";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getApplicationDetail } from "@/server/services/applications/get-application-detail";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    params: ZApplicationPathParams,
    query: ZVersionQuery,
    handler: ({ actor, params, query }) => getApplicationDetail({ actor, id: params.id, version: query.version }),
  }),
});
