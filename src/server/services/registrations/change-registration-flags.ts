/**
 * Registration flags (Cloud `POST /v2/registrations/{registrationId}/flags` adds,
 * `PUT …/flags` replaces, `POST …/flags/remove` removes). Flags are free strings that scope
 * operations and appear in callbacks; they change in any state but REMOVED (then: not found).
 * Order is kept (new flags are appended), duplicates are dropped, missing ones are ignored.
 */
import { MAX_REGISTRATION_FLAGS } from "@/schemas/registrations";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { auditRegistrationChange, lockRegistration } from "./registration-status-change";
import { registrationNotFound } from "./registration-transitions";

export type FlagsChange = "add" | "replace" | "remove";

function nextFlags(current: string[], change: FlagsChange, flags: string[]): string[] {
  switch (change) {
    case "add":
      return [...new Set([...current, ...flags])];
    case "replace":
      return [...new Set(flags)];
    case "remove": {
      const removed = new Set(flags);
      return current.filter((flag) => !removed.has(flag));
    }
  }
}

export async function changeRegistrationFlags({
  actor,
  registrationId,
  applicationId,
  change,
  flags,
}: {
  actor: Actor;
  registrationId: string;
  applicationId?: string | null;
  change: FlagsChange;
  flags: string[];
}): Promise<{ registrationId: string; flags: string[] }> {
  assertCan(actor, "registrations.write");
  return db.$transaction(async (tx) => {
    const row = await lockRegistration(tx, { actor, registrationId, applicationId });
    if (!row || row.status === "REMOVED") throw registrationNotFound();
    const updated = nextFlags(row.flags, change, flags);
    if (updated.length > MAX_REGISTRATION_FLAGS) {
      throw new AppError("ERROR_REQUEST", "Invalid method parameter value", {
        violations: [{ fieldName: "flags", hint: `a registration has at most ${MAX_REGISTRATION_FLAGS} flags` }],
      });
    }
    await tx.registration.update({ where: { id: row.id }, data: { flags: updated, lastChangedAt: new Date() } });
    await auditRegistrationChange(tx, actor, row, "registration.flags", { flags: row.flags }, { flags: updated });
    return { registrationId: row.id, flags: updated };
  });
}
