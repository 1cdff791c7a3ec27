/**
 * Creates or updates a template by name (the admin REST route, the CLI import and the console):
 * an upsert under the name's unique index, with the staff audit entry in the same transaction
 * (template edits are staff/admin actions, issue 9 §1). Operations already created keep their
 * operation data, type, signature types, limits and expiry; they read the texts from the template.
 */
import type { TemplateInput } from "@/schemas/templates";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { TEMPLATE_SELECT, toTemplateView, type TemplateView } from "./template-views";

export async function saveTemplate({ actor, template }: { actor: Actor; template: TemplateInput }): Promise<{ template: TemplateView; created: boolean }> {
  assertCan(actor, "templates.write");
  const { name, ...fields } = template;
  const data = { ...fields, texts: fields.texts as object };
  return db.$transaction(async (tx) => {
    // Serialise writers of one name, so "created" is told right and the audit's before is exact.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`operation-template:${name}`}, 0))`;
    const before = await tx.operationTemplate.findUnique({ where: { name }, select: TEMPLATE_SELECT });
    const row = before
      ? await tx.operationTemplate.update({ where: { name }, data, select: TEMPLATE_SELECT })
      : await tx.operationTemplate.create({ data: { name, ...data }, select: TEMPLATE_SELECT });
    const view = toTemplateView(row);
    await recordAuditEvent(tx, {
      actor,
      action: before ? "template.update" : "template.create",
      targetType: "operation_template",
      targetId: name,
      before: before ? toTemplateView(before) : undefined,
      after: view,
    });
    return { template: view, created: !before };
  });
}
