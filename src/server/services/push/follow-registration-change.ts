/**
 * Push devices follow their registration's state, inside the transaction of the change
 * (registration-changes.ts calls this for every status change): REMOVED deletes the device rows,
 * ACTIVE (commit, UNBLOCK) makes them ACTIVE again, anything else (BLOCKED) marks them INACTIVE,
 * so they get no personal messages.
 */
import type { RegistrationStatus } from "@/generated/prisma/enums";
import type { SqlRunner } from "@/server/db";

import type { RegistrationChange } from "../registrations/registration-changes";
import { deviceStatusFor } from "./push-device-rules";

export async function applyRegistrationStatus(sql: SqlRunner, registrationId: string, status: RegistrationStatus): Promise<void> {
  if (status === "REMOVED") {
    await sql.query(`DELETE FROM push_device WHERE registration_id = $1::uuid`, [registrationId]);
    return;
  }
  const next = deviceStatusFor(status);
  await sql.query(`UPDATE push_device SET status = $2::push_device_status WHERE registration_id = $1::uuid AND status <> $2::push_device_status`, [registrationId, next]);
}

export async function followRegistrationChange(sql: SqlRunner, change: RegistrationChange): Promise<void> {
  // A registration being created has no devices yet.
  if (change.from === null) return;
  await applyRegistrationStatus(sql, change.registrationId, change.to);
}
