// GET /admin/applications/detail?id=&version= (Cloud v2 variant of Get App Details).
import { ZApplicationDetailQuery } from "@/schemas/applications";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getApplicationDetail } from "@/server/services/applications/get-application-detail";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    query: ZApplicationDetailQuery,
    handler: ({ actor, query }) => getApplicationDetail({ actor, id: query.id, version: query.version }),
  }),
});
