import { z } from "zod";

import { pageInput } from "@/schemas/common";
import { getLatestAuditVerification, listAuditEvents } from "@/server/services/audit/list-audit-events";
import { verifyAuditChain } from "@/server/services/audit/verify-audit-chain";

import { permissionProcedure, router } from "../init";

export const auditRouter = router({
  list: permissionProcedure("audit.read")
    .input(
      pageInput.extend({
        action: z.string().max(100).optional(),
        actor: z.string().max(254).optional(),
        targetType: z.string().max(50).optional(),
        targetId: z.string().max(100).optional(),
        applicationId: z.string().max(100).optional(),
        from: z.date().optional(),
        to: z.date().optional(),
      }),
    )
    .query(({ ctx, input }) => {
      const { page, pageSize, ...filter } = input;
      return listAuditEvents({ actor: ctx.actor, filter, page, pageSize });
    }),
  latestVerification: permissionProcedure("audit.read").query(({ ctx }) => getLatestAuditVerification({ actor: ctx.actor })),
  verify: permissionProcedure("audit.verify").mutation(({ ctx }) => verifyAuditChain({ actor: ctx.actor, trigger: `console:${ctx.actor.label}` })),
});
