import { z } from "zod";

import {
  ZApplicationConfigRequest,
  ZApplicationId,
  ZCreateApplicationRequest,
  ZProtocolSettings,
  ZRoleName,
  ZVersionName,
} from "@/schemas/applications";
import { pageInput } from "@/schemas/common";
import { getApplicationConfig } from "@/server/services/applications/get-application-config";
import { removeApplicationConfig } from "@/server/services/applications/remove-application-config";
import { setApplicationConfig } from "@/server/services/applications/set-application-config";
import { CONFIG_KEYS, CONFIG_VALUE_SCHEMAS, isConfigKey } from "@/server/services/applications/application-config-keys";
import { addApplicationRoles } from "@/server/services/applications/add-application-roles";
import { removeApplicationRoles } from "@/server/services/applications/remove-application-roles";
import { createApplication } from "@/server/services/applications/create-application";
import { createApplicationVersion } from "@/server/services/applications/create-application-version";
import { getApplicationOverview } from "@/server/services/applications/get-application-overview";
import { searchApplications } from "@/server/services/applications/search-applications";
import { setApplicationProtocolSettings } from "@/server/services/applications/set-application-protocol-settings";
import { setApplicationVersionSupport } from "@/server/services/applications/set-application-version-support";

import { permissionProcedure, router } from "../init";

const read = permissionProcedure("applications.read");
const write = permissionProcedure("applications.write");

/**
 * The service checks the values again and answers in the admin API's words ("Invalid create
 * application configuration request…"); checking them here first gives the console zod issues
 * with a path, which the form shows on the field and the item they concern.
 */
const ZConsoleConfigRequest = ZApplicationConfigRequest.extend({ id: ZApplicationId }).superRefine((input, ctx) => {
  if (!isConfigKey(input.key)) {
    ctx.addIssue({ code: "custom", path: ["key"], message: `must be one of ${CONFIG_KEYS.join(", ")}` });
    return;
  }
  const parsed = CONFIG_VALUE_SCHEMAS[input.key].safeParse(input.values ?? []);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    ctx.addIssue({ code: "custom", path: ["values", ...issue.path.map((part) => (typeof part === "symbol" ? String(part) : part))], message: issue.message });
  }
});

export const applicationsRouter = router({
  list: read
    .input(
      pageInput.extend({
        search: z.string().trim().max(200).optional(),
        sort: z.enum(["id", "createdAt"]).default("id"),
        direction: z.enum(["asc", "desc"]).default("asc"),
      }),
    )
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
    .input(z.object({ id: ZApplicationId, versionName: ZVersionName, supported: z.boolean(), acknowledgeNoneSupported: z.boolean().optional() }))
    .mutation(({ ctx, input }) => setApplicationVersionSupport({ actor: ctx.actor, ...input })),
  config: read
    .input(z.object({ id: ZApplicationId }))
    .query(async ({ ctx, input }) => ({ ...(await getApplicationConfig({ actor: ctx.actor, id: input.id })), keys: CONFIG_KEYS })),
  setConfig: write
    .input(ZConsoleConfigRequest)
    .mutation(({ ctx, input }) => setApplicationConfig({ actor: ctx.actor, id: input.id, key: input.key, values: input.values ?? [] })),
  setProtocolSettings: write
    .input(ZProtocolSettings.extend({ id: ZApplicationId }))
    .mutation(({ ctx, input: { id, ...settings } }) => setApplicationProtocolSettings({ actor: ctx.actor, id, settings })),
  removeConfig: write
    .input(z.object({ id: ZApplicationId, key: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => removeApplicationConfig({ actor: ctx.actor, ...input })),
});
