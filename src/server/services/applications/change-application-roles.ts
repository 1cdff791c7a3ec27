/**
 * The one transaction behind adding and removing application roles (`add-application-roles.ts`,
 * `remove-application-roles.ts`): read the role set under the change, apply it, and audit the set
 * before and after when it changed.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { applicationNotFound } from "./application-errors";

export async function changeApplicationRoles(actor: Actor, id: string, roles: string[], mode: "add" | "remove"): Promise<string[]> {
  assertCan(actor, "applications.write");
  return db.$transaction(async (tx) => {
    const app = await tx.application.findUnique({
      where: { id },
      select: { roles: { select: { name: true }, orderBy: { name: "asc" } } },
    });
    if (!app) throw applicationNotFound(id);
    const before = app.roles.map((role) => role.name);
    const wanted = [...new Set(roles)];

    if (mode === "add") {
      const missing = wanted.filter((role) => !before.includes(role));
      if (missing.length > 0) {
        await tx.applicationRole.createMany({ data: missing.map((name) => ({ applicationId: id, name })), skipDuplicates: true });
      }
    } else {
      await tx.applicationRole.deleteMany({ where: { applicationId: id, name: { in: wanted } } });
    }

    const after =
      mode === "add" ? [...new Set([...before, ...wanted])].sort() : before.filter((role) => !wanted.includes(role));
    if (after.join("\n") !== before.join("\n")) {
      await recordAuditEvent(tx, {
        actor,
        action: mode === "add" ? "application.roles.add" : "application.roles.remove",
        targetType: "application",
        targetId: id,
        applicationId: id,
        before: { roles: before },
        after: { roles: after },
      });
    }
    return after;
  });
}
