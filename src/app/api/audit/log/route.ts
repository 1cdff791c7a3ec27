// GET /audit/log (cloud-multi-device-api.txt, "Get Audit Log").
import { ZAuditLogQuery } from "@/schemas/verification";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { getAuditLog } from "@/server/services/verification/get-audit-log";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "application",
    query: ZAuditLogQuery,
    handler: ({ applicationId, query }) => getAuditLog({ applicationId: applicationId!, ...query }),
  }),
});
