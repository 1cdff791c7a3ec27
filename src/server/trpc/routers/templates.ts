import { z } from "zod";

import { ZOperationParameters } from "@/schemas/operations";
import { ZLanguage, ZTemplateInput, ZTemplateName } from "@/schemas/templates";
import { can } from "@/server/services/access/permissions";
import { deleteTemplate } from "@/server/services/templates/delete-template";
import { getTemplate } from "@/server/services/templates/get-template";
import { listTemplates } from "@/server/services/templates/list-templates";
import { previewTemplate } from "@/server/services/templates/preview-template";
import { saveTemplate } from "@/server/services/templates/save-template";

import { permissionProcedure, router } from "../init";

const read = permissionProcedure("templates.read");
const write = permissionProcedure("templates.write");

export const templatesRouter = router({
  list: read.query(async ({ ctx }) => ({ items: await listTemplates({ actor: ctx.actor }), canWrite: can(ctx.actor, "templates.write") })),
  get: read
    .input(z.object({ name: ZTemplateName }))
    .query(async ({ ctx, input }) => ({ template: await getTemplate({ actor: ctx.actor, name: input.name }), canWrite: can(ctx.actor, "templates.write") })),
  /** Creates or replaces the template of that name (administrators). */
  save: write.input(ZTemplateInput).mutation(({ ctx, input }) => saveTemplate({ actor: ctx.actor, template: input })),
  delete: write.input(z.object({ name: ZTemplateName })).mutation(({ ctx, input }) => deleteTemplate({ actor: ctx.actor, name: input.name })),
  /** What a phone would show for the draft, with sample parameters; nothing is stored. */
  preview: read
    .input(z.object({ template: ZTemplateInput, language: ZLanguage.default("en"), parameters: ZOperationParameters.default({}) }))
    .query(({ ctx, input }) => previewTemplate({ actor: ctx.actor, ...input })),
});
