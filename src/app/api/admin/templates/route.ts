// GET /admin/templates (list) and POST /admin/templates (create, or update by name): operation
// templates. Our own admin route, since the documents never show how templates are managed
// (api-reference/README.md); documented in README.md. Admin-scope credentials only.
import { ZTemplateInput } from "@/schemas/templates";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { listTemplates } from "@/server/services/templates/list-templates";
import { saveTemplate } from "@/server/services/templates/save-template";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    handler: async ({ actor }) => ({ templates: await listTemplates({ actor }) }),
  }),
  POST: restRoute({
    auth: "admin",
    body: ZTemplateInput,
    handler: async ({ actor, body }) => (await saveTemplate({ actor, template: body })).template,
  }),
});
