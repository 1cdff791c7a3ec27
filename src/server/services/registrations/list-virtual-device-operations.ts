/**
 * The operations waiting on the console's virtual device: the Mobile Token `operation/list`
 * (protocol §14, signed with possession) as the bank's app calls it, in the operation's language
 * texts, so staff see what the customer's phone would show before approving or rejecting.
 */
import { db } from "@/server/db";
import { forbidden } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { isStaffSide } from "./create-registration";
import { registrationNotFound } from "./registration-transitions";
import { registrationScope, UUID_TEXT } from "./registration-views";
import { withVirtualDevice } from "./virtual-device-store";

export interface VirtualDeviceOperation {
  id: string;
  name: string;
  title: string;
  message: string;
  /** The signature types the operation allows (`possession_knowledge`…). */
  allowedSignatureTypes: string[];
  expiresAt: string;
}

export async function listVirtualDeviceOperations({ actor, registrationId }: { actor: Actor; registrationId: string }): Promise<VirtualDeviceOperation[]> {
  assertCan(actor, "registrations.write");
  if (!isStaffSide(actor)) throw forbidden("Virtual devices are for staff in the console");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  const visible = await db.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor) }, select: { id: true } });
  if (!visible) throw registrationNotFound();
  const operations = await withVirtualDevice(registrationId, (client) => client.listOperations());
  return operations.map((operation) => ({
    id: operation.id,
    name: operation.name,
    title: operation.formData.title,
    message: operation.formData.message,
    allowedSignatureTypes: operation.allowedSignatureType.variants,
    expiresAt: operation.operationExpires,
  }));
}
