/** Every operation template, by name (templates are few: a bank has tens, not thousands). */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { TEMPLATE_SELECT, toTemplateView, type TemplateView } from "./template-views";

export async function listTemplates({ actor }: { actor: Actor }): Promise<TemplateView[]> {
  assertCan(actor, "templates.read");
  const rows = await db.operationTemplate.findMany({ select: TEMPLATE_SELECT, orderBy: { name: "asc" }, take: 1000 });
  return rows.map(toTemplateView);
}
