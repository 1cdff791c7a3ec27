/**
 * Approves or rejects an operation on the console's virtual device, as the customer would on the
 * phone (protocol §14): approval reads the operation (`operation/detail`) and signs its data with
 * the chosen factors (`operation/authorize`); rejection is `operation/cancel` with the reason
 * UNKNOWN (the user's "no"). The operation's own rules decide: allowed factors, flags, its
 * failure limit. The result is the server's, so the operation's status and history show it.
 */
import { SIGNATURE_TYPES, type SignatureType } from "@/powerauth/server";
import { db } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { isStaffSide } from "./create-registration";
import { registrationNotFound } from "./registration-transitions";
import { registrationScope, UUID_TEXT } from "./registration-views";
import { withVirtualDevice } from "./virtual-device-store";

export async function decideVirtualDeviceOperation({
  actor,
  registrationId,
  operationId,
  decision,
  signatureType = "possession_knowledge",
}: {
  actor: Actor;
  registrationId: string;
  operationId: string;
  decision: "approve" | "reject";
  signatureType?: SignatureType;
}): Promise<{ operationId: string; decision: "approve" | "reject" }> {
  assertCan(actor, "registrations.write");
  assertCan(actor, "operations.write");
  if (!isStaffSide(actor)) throw forbidden("Virtual devices are for staff in the console");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  if (!(SIGNATURE_TYPES as readonly string[]).includes(signatureType)) throw new AppError("ERROR_REQUEST", `Unknown signature type ${signatureType}`);
  const visible = await db.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor) }, select: { id: true } });
  if (!visible) throw registrationNotFound();
  await withVirtualDevice(registrationId, async (client) => {
    if (decision === "reject") return client.rejectOperation(operationId, "UNKNOWN");
    const operation = await client.operationDetail(operationId);
    return client.approveOperation({ id: operation.id, data: operation.data }, { factors: signatureType });
  });
  return { operationId, decision };
}
