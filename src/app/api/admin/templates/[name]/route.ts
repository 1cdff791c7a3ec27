// GET, PUT (create or replace) and DELETE /admin/templates/{name}: one operation template (our own
// admin route, README.md). A template that operations were made from cannot be deleted.
import { ZTemplatePathParams, ZTemplateUpdate } from "@/schemas/templates";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { deleteTemplate } from "@/server/services/templates/delete-template";
import { getTemplate } from "@/server/services/templates/get-template";
import { saveTemplate } from "@/server/services/templates/save-template";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  GET: restRoute({
    auth: "admin",
    params: ZTemplatePathParams,
    handler: ({ actor, params }) => getTemplate({ actor, name: params.name }),
  }),
  PUT: restRoute({
    auth: "admin",
    params: ZTemplatePathParams,
    body: ZTemplateUpdate,
    handler: async ({ actor, params, body }) => (await saveTemplate({ actor, template: { ...body, name: params.name } })).template,
  }),
  DELETE: restRoute({
    auth: "admin",
    params: ZTemplatePathParams,
    handler: async ({ actor, params }) => {
      await deleteTemplate({ actor, name: params.name });
      return OK;
    },
  }),
});
