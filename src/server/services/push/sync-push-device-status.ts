/**
 * Push Server `POST /push/device/status/update`: brings the activation's device row in line with
 * the registration's status. Registration changes already do this in their own transaction (the
 * subscriber in follow-registration-change.ts); this call is for clients of the Push Server API that
 * expect to drive it. A given `activationStatus` is not trusted: the stored status is the truth.
 * An activation of another application is not found, like an unknown one.
 */
import type { RegistrationStatus } from "@/generated/prisma/enums";
import { db, sqlOf } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { applyRegistrationStatus } from "./follow-registration-change";
import { activationNotFound } from "./push-device-rules";

export async function syncPushDeviceStatus({ actor, activationId }: { actor: Actor; activationId: string }): Promise<void> {
  assertCan(actor, "push.devices");
  await db.$transaction(async (tx) => {
    const sql = sqlOf(tx);
    const scope = actor.type === "CREDENTIAL" ? actor.applicationId : null;
    const [registration] = await sql.query(`SELECT status::text AS status FROM registration WHERE id = $1::uuid AND ($2::text IS NULL OR application_id = $2) FOR SHARE`, [activationId, scope]);
    if (!registration) throw activationNotFound(activationId);
    await applyRegistrationStatus(sql, activationId, registration.status as RegistrationStatus);
  });
}
