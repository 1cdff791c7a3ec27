/**
 * The console's virtual device of a registration, if staff activated one (issue 9 §4): what a
 * phone's screen would show (activation ID, fingerprint, counter), never its keys. Everyone who
 * may read registrations sees it; only operators and administrators use it.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { registrationNotFound } from "./registration-transitions";
import { registrationScope, UUID_TEXT } from "./registration-views";
import { findVirtualDevice, toVirtualDeviceView, type VirtualDeviceView } from "./virtual-device-store";

export async function getVirtualDevice({ actor, registrationId }: { actor: Actor; registrationId: string }): Promise<VirtualDeviceView | null> {
  assertCan(actor, "registrations.read");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  const visible = await db.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor) }, select: { id: true } });
  if (!visible) throw registrationNotFound();
  const device = await findVirtualDevice(registrationId);
  return device ? toVirtualDeviceView(device) : null;
}
