import { z } from "zod";

import { ZOperationId, ZOperationParameters } from "@/schemas/operations";
import { ZApplicationId } from "@/schemas/applications";
import { ZLanguage, ZTemplateName } from "@/schemas/templates";
import { cancelOperation } from "@/server/services/operations/cancel-operation";
import { createOperation } from "@/server/services/operations/create-operation";
import { getOperationDetail } from "@/server/services/operations/get-operation-detail";
import { listOperations } from "@/server/services/operations/list-operations";

import { permissionProcedure, router } from "../init";

const OPERATION_STATUSES = ["PENDING", "APPROVED", "REJECTED", "CANCELED", "EXPIRED", "FAILED"] as const;

const ZOperationListInput = z.object({
  applicationId: ZApplicationId.optional(),
  userId: z.string().trim().min(1).max(255).optional(),
  status: z.enum(OPERATION_STATUSES).optional(),
  template: ZTemplateName.optional(),
  externalId: z.string().trim().min(1).max(255).optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const operationsRouter = router({
  list: permissionProcedure("operations.read")
    .input(ZOperationListInput)
    .query(({ ctx, input: { cursor, limit, ...filter } }) => listOperations({ actor: ctx.actor, filter, cursor, limit })),
  get: permissionProcedure("operations.read")
    .input(z.object({ operationId: ZOperationId }))
    .query(({ ctx, input }) => getOperationDetail({ actor: ctx.actor, operationId: input.operationId })),
  /** A test operation from a template, for one user of one application (operators and administrators). */
  create: permissionProcedure("operations.write")
    .input(
      z.object({
        applicationId: ZApplicationId,
        userId: z.string().trim().min(1, { error: "must not be empty" }).max(255),
        template: ZTemplateName,
        language: ZLanguage.default("en"),
        parameters: ZOperationParameters.optional(),
      }),
    )
    .mutation(({ ctx, input }) => createOperation({ actor: ctx.actor, ...input, parameters: input.parameters ?? {} })),
  cancel: permissionProcedure("operations.write")
    .input(z.object({ operationId: ZOperationId }))
    .mutation(({ ctx, input }) => cancelOperation({ actor: ctx.actor, operationId: input.operationId, reason: "CANCELED_BY_STAFF" })),
});
