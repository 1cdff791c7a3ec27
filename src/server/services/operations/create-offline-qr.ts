/**
 * The personalised offline QR code of an operation for one registration (Cloud
 * `GET /v2/operations/{operationId}/offline/qr`, protocol §13.1): operation id, the title and
 * message in the operation's language, the operation data, the flags (B when biometry may approve,
 * plus the template's X/C/F), the proximity TOTP when the check is on, a fresh nonce, and K=1 with
 * the ECDSA signature of the registration's server private key (the app verifies it with the
 * server public key it received at activation). The nonce is returned for the OTP check; nothing
 * is stored, reading never changes state.
 */
import { buildOfflinePayload, generateTotp } from "@/powerauth/server";
import type { TemplateTexts } from "@/schemas/templates";
import { db } from "@/server/db";
import { openSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { openServerPrivateKey } from "../registrations/registration-keys";
import { substitute } from "../templates/template-views";
import { proximitySeedContext } from "./create-operation";
import { pickTexts } from "./mobile-operation-view";
import { findOfflineRegistration, offlineRegistrationNotFound } from "./offline-operation-registration";
import { effectiveStatus, OPERATION_SELECT, operationNotFound, operationScope, operationStateChange, UUID_TEXT } from "./operation-views";

/** QR FLAGS (§13.1): B when possession_biometry may approve, then the template's risk flags. */
export function offlineFlagsOf(operation: { signatureTypes: string[]; riskFlags: string }): string {
  return `${operation.signatureTypes.includes("possession_biometry") ? "B" : ""}${operation.riskFlags.replace(/[^XCF]/g, "")}`;
}

export async function createOfflineQr({
  actor,
  applicationId,
  operationId,
  registrationId,
}: {
  actor: Actor;
  applicationId?: string | null;
  operationId: string;
  registrationId: string;
}): Promise<{ operationQrCodeData: string; nonce: string }> {
  assertCan(actor, "operations.read");
  if (!UUID_TEXT.test(operationId)) throw operationNotFound();
  const operation = await db.operation.findFirst({ where: { id: operationId, ...operationScope(actor, applicationId) }, select: { ...OPERATION_SELECT, proximitySeedEncrypted: true } });
  if (!operation) throw operationNotFound();
  const registration = await findOfflineRegistration(db, operation, registrationId);
  if (registration.status !== "ACTIVE" || !registration.serverPrivateKeyEncrypted) throw offlineRegistrationNotFound();
  if (effectiveStatus(operation) !== "PENDING") throw operationStateChange();

  const template = await db.operationTemplate.findUnique({ where: { id: operation.templateId }, select: { texts: true } });
  const parameters = Object.fromEntries(Object.entries(operation.parameters as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
  const texts = pickTexts((template?.texts ?? {}) as Record<string, TemplateTexts>, null, operation.language);
  const totp = operation.proximitySeedEncrypted ? generateTotp({ seed: openSecret(operation.proximitySeedEncrypted, proximitySeedContext(operation.id)), nowMs: Date.now() }) : undefined;
  const built = buildOfflinePayload(
    {
      operationId: operation.id,
      title: substitute(texts.title, parameters),
      message: substitute(texts.message, parameters),
      operationData: operation.data,
      flags: offlineFlagsOf(operation),
      ...(totp ? { totp } : {}),
    },
    { keyIndicator: "1", serverPrivateKey: openServerPrivateKey(registration.id, registration.serverPrivateKeyEncrypted) },
  );
  return { operationQrCodeData: built.payload, nonce: built.nonce };
}
