/**
 * Forgets the console's virtual device of a registration (its sealed state is deleted). The
 * registration itself is untouched: to end it, block or remove it, as for a real phone.
 */
import { db } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isStaffSide } from "./create-registration";
import { registrationNotFound } from "./registration-transitions";
import { registrationScope, UUID_TEXT } from "./registration-views";

export async function discardVirtualDevice({ actor, registrationId }: { actor: Actor; registrationId: string }): Promise<{ registrationId: string }> {
  assertCan(actor, "registrations.write");
  if (!isStaffSide(actor)) throw forbidden("Virtual devices are for staff in the console");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor) }, select: { applicationId: true } });
    if (!registration) throw registrationNotFound();
    const removed = await tx.virtualDevice.deleteMany({ where: { registrationId } });
    if (removed.count === 0) throw new AppError("ERROR_REGISTRATION_CHANGE", "This registration has no virtual device");
    await recordAuditEvent(tx, {
      actor,
      action: "registration.virtual-device.discard",
      targetType: "registration",
      targetId: registrationId,
      applicationId: registration.applicationId,
    });
    return { registrationId };
  });
}
