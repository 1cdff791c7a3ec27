/**
 * "Check status" on the console's virtual device: `/pa/v3/activation/status` (protocol §9) over
 * HTTP, as the phone's app does at start. The device decrypts the status blob and shows what the
 * customer's app would: the state, failed and remaining attempts, and whether its counter had to
 * be synchronised (a counter step lost to a concurrent use is adopted here).
 */
import { forbidden, AppError } from "@/server/errors";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { isStaffSide } from "./create-registration";
import { registrationNotFound } from "./registration-transitions";
import { registrationScope, UUID_TEXT } from "./registration-views";
import { describeDeviceFailure, deviceClientFor, findVirtualDevice, saveVirtualDevice } from "./virtual-device-store";

export async function refreshVirtualDeviceStatus({ actor, registrationId }: { actor: Actor; registrationId: string }) {
  assertCan(actor, "registrations.write");
  if (!isStaffSide(actor)) throw forbidden("Virtual devices are for staff in the console");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  const visible = await db.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor) }, select: { id: true } });
  if (!visible) throw registrationNotFound();
  const device = await findVirtualDevice(registrationId);
  if (!device?.state.activation || device.state.removed) throw new AppError("ERROR_REGISTRATION_CHANGE", "This registration has no activated virtual device");
  const client = deviceClientFor(device.state);
  let status: Awaited<ReturnType<typeof client.status>>;
  try {
    status = await client.status();
  } catch (error) {
    throw describeDeviceFailure(error);
  }
  if (status.needsSave) await saveVirtualDevice(registrationId, device.version, client.state);
  return {
    state: status.state,
    failedAttempts: status.failedAttempts,
    maxFailedAttempts: status.maxFailedAttempts,
    remainingAttempts: status.remainingAttempts,
    counterSynchronised: status.needsSave,
  };
}
