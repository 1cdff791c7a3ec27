/**
 * Push Server `POST /push/device/create` and `POST /push/device/create/multi`: binds a push token to
 * one or several registrations of the caller's application (rules in push-device-rules.ts). `appId`
 * must be the credential's own application; every activation is checked, and either all are bound
 * or none (one transaction).
 */
import { db, sqlOf } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { applicationNotFound } from "../applications/application-errors";
import { bindPushDevice, type PushDeviceBinding } from "./push-device-rules";

/** "Not yours" and "not found" look the same: an application credential sees only its own application. */
export function requireOwnApplication(actor: Actor, appId: string): string {
  if (actor.type === "CREDENTIAL" && actor.applicationId !== appId) throw applicationNotFound(appId);
  return appId;
}

export async function createPushDevices({ actor, appId, activationIds, binding }: { actor: Actor; appId: string; activationIds: string[]; binding: PushDeviceBinding }): Promise<void> {
  assertCan(actor, "push.devices");
  const applicationId = requireOwnApplication(actor, appId);
  const unique = [...new Set(activationIds.map((id) => id.toLowerCase()))].sort();
  await db.$transaction(async (tx) => {
    const application = await tx.application.findUnique({ where: { id: applicationId }, select: { id: true } });
    if (!application) throw applicationNotFound(applicationId);
    // Sorted, so two calls over the same activations lock them in the same order.
    for (const registrationId of unique) await bindPushDevice(sqlOf(tx), applicationId, registrationId, binding);
  });
}
