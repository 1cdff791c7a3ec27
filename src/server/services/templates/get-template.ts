/** One operation template by name; an unknown name is ERROR_ADMIN. */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { TEMPLATE_SELECT, templateNotFound, toTemplateView, type TemplateView } from "./template-views";

export async function getTemplate({ actor, name }: { actor: Actor; name: string }): Promise<TemplateView> {
  assertCan(actor, "templates.read");
  const row = await db.operationTemplate.findUnique({ where: { name }, select: TEMPLATE_SELECT });
  if (!row) throw templateNotFound(name);
  return toTemplateView(row);
}
