import { z } from "zod";

import {
  ZApplicationConfigRequest,
  ZApplicationId,
  ZCreateApplicationRequest,
  ZRoleName,
  ZVersionName,
} from "@/schemas/applications";
import { pageInput } from "@/schemas/common";
import { getApplicationConfig, removeApplicationConfig, setApplicationConfig } from "@/server/services/applications/application-config";
import { CONFIG_KEYS } from "@/server/services/applications/application-config-keys";
import { addApplicationRoles, removeApplicationRoles } from "@/server/services/applications/change-application-roles";
import { createApplication } from "@/server/services/applications/create-application";
import { createApplicationVersion } from "@/server/services/applications/create-application-version";
import { getApplicationOverview } from "@/server/services/applications/get-application-overview";
import { searchApplications } from "@/server/services/applications/list-applications";
import { setApplicationVersionSupport } from "@/server/services/applications/set-application-version-support";

import { permissionProcedure, router } from "../init";

const read = permissionProcedure("applications.read");
const write = permissionProcedure("applications.write");

export const applicationsRouter = router({
  list: read
    .input(pageInput.extend({ search: z.string().max(100).optional() }))
    .query(({ ctx, input }) => searchApplications({ actor: ctx.actor, ...input })),
  get: read.input(z.object({ id: ZApplicationId })).query(({ ctx, input }) => getApplicationOverview({ actor: ctx.actor, id: input.id })),
  create: write.input(ZCreateApplicationRequest).mutation(({ ctx, input }) => createApplication({ actor: ctx.actor, ...input })),
  addRoles: write
    .input(z.object({ id: ZApplicationId, roles: z.array(ZRoleName).min(1).max(100) }))
    .mutation(({ ctx, input }) => addApplicationRoles({ actor: ctx.actor, ...input })),
  removeRoles: write
    .input(z.object({ id: ZApplicationId, roles: z.array(ZRoleName).min(1).max(100) }))
    .mutation(({ ctx, input }) => removeApplicationRoles({ actor: ctx.actor, ...input })),
  createVersion: write
    .input(z.object({ id: ZApplicationId, name: ZVersionName }))
    .mutation(({ ctx, input }) => createApplicationVersion({ actor: ctx.actor, ...input })),
  setVersionSupport: write
    .input(z.object({ id: ZApplicationId, versionName: ZVersionName, supported: z.boolean() }))
    .mutation(({ ctx, input }) => setApplicationVersionSupport({ actor: ctx.actor, ...input })),
  config: read
    .input(z.object({ id: ZApplicationId }))
    .query(async ({ ctx, input }) => ({ ...(await getApplicationConfig({ actor: ctx.actor, id: input.id })), keys: CONFIG_KEYS })),
  setConfig: write
    .input(ZApplicationConfigRequest.extend({ id: ZApplicationId }))
    .mutation(({ ctx, input }) => setApplicationConfig({ actor: ctx.actor, id: input.id, key: input.key, values: input.values ?? [] })),
  removeConfig: write
    .input(z.object({ id: ZApplicationId, key: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => removeApplicationConfig({ actor: ctx.actor, ...input })),
});
