import { ZAuditListInput } from "@/schemas/audit";
import { getLatestAuditVerification } from "@/server/services/audit/get-latest-audit-verification";
import { listAuditEvents } from "@/server/services/audit/list-audit-events";
import { listAuditFilterOptions } from "@/server/services/audit/list-audit-filter-options";
import { verifyAuditChain } from "@/server/services/audit/verify-audit-chain";

import { permissionProcedure, router } from "../init";

export const auditRouter = router({
  list: permissionProcedure("audit.read")
    .input(ZAuditListInput)
    .query(({ ctx, input }) => listAuditEvents({ actor: ctx.actor, input })),
  filterOptions: permissionProcedure("audit.read").query(({ ctx }) => listAuditFilterOptions({ actor: ctx.actor })),
  latestVerification: permissionProcedure("audit.read").query(({ ctx }) => getLatestAuditVerification({ actor: ctx.actor })),
  verify: permissionProcedure("audit.verify").mutation(({ ctx }) => verifyAuditChain({ actor: ctx.actor, trigger: `console:${ctx.actor.label}` })),
});
