/**
 * Deletes a template that no operation was made from. Operations keep a reference to their
 * template (its texts are what the phone shows, and history must stay explainable), so a template
 * in use is refused rather than soft-deleted: update it instead, or create a new one under a new
 * name. The check and the delete run under the name's lock, with the staff audit entry.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { TEMPLATE_SELECT, templateNotFound, toTemplateView } from "./template-views";

export async function deleteTemplate({ actor, name }: { actor: Actor; name: string }): Promise<void> {
  assertCan(actor, "templates.write");
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`operation-template:${name}`}, 0))`;
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM operation_template WHERE name = ${name} FOR UPDATE`;
    const id = rows[0]?.id;
    if (!id) throw templateNotFound(name);
    const used = await tx.operation.count({ where: { templateId: id } });
    if (used > 0) throw new AppError("ERROR_ADMIN", `Operation template ${name} is used by ${used} operation(s) and cannot be deleted; update it instead`);
    const before = await tx.operationTemplate.delete({ where: { id }, select: TEMPLATE_SELECT });
    await recordAuditEvent(tx, { actor, action: "template.delete", targetType: "operation_template", targetId: name, before: toTemplateView(before) });
  });
}
