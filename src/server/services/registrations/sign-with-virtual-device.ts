/**
 * "Sign a test request" with the console's virtual device (issue 9 §4): the device signs a
 * request with the chosen factors (protocol §10, its counter moves on one step, as a phone's
 * does) and the signature is verified exactly as a bank backend's `POST /v2/signature/verify`
 * does it (`verifyOnlineSignature`): counters, failure counting, blocking at the maximum, and a
 * signature event on the customer's timeline. "Wrong PIN" signs the knowledge factor with a
 * wrong key, so staff can show a customer what failed attempts do.
 */
import crypto from "node:crypto";

import { SIGNATURE_TYPES, type SignatureType } from "@/powerauth/server";
import { db } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { isStaffSide } from "./create-registration";
import { registrationNotFound } from "./registration-transitions";
import { registrationScope, UUID_TEXT } from "./registration-views";
import { verifyOnlineSignature } from "./verify-online-signature";
import { deviceClientFor, findVirtualDevice, saveVirtualDevice } from "./virtual-device-store";

/** The URI id the console's test requests are signed for (§10.7: both sides agree on it). */
export const VIRTUAL_DEVICE_TEST_URI_ID = "/guardline/console/test-signature";

export async function signWithVirtualDevice({
  actor,
  registrationId,
  signatureType,
  wrongPin = false,
}: {
  actor: Actor;
  registrationId: string;
  signatureType: SignatureType;
  wrongPin?: boolean;
}): Promise<{ signatureValid: boolean; note: string; registrationStatus: string | null; remainingAttempts: number; counter: number }> {
  assertCan(actor, "registrations.write");
  if (!isStaffSide(actor)) throw forbidden("Virtual devices are for staff in the console");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  if (!(SIGNATURE_TYPES as readonly string[]).includes(signatureType)) throw new AppError("ERROR_REQUEST", `Unknown signature type ${signatureType}`);
  if (wrongPin && !signatureType.includes("knowledge")) {
    throw new AppError("ERROR_REQUEST", "A wrong PIN only matters when the signature uses the knowledge factor");
  }
  const registration = await db.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor) }, select: { applicationId: true } });
  if (!registration) throw registrationNotFound();
  const device = await findVirtualDevice(registrationId);
  const real = device?.state.activation;
  if (!device || !real || device.state.removed) throw new AppError("ERROR_REGISTRATION_CHANGE", "This registration has no activated virtual device");

  // A wrong PIN on a phone decrypts a wrong knowledge key: the signature is computed, and counted, with it.
  const signing = wrongPin ? { ...device.state, activation: { ...real, keys: { ...real.keys, knowledge: crypto.randomBytes(16).toString("base64") } } } : device.state;
  const client = deviceClientFor(signing);
  const body = JSON.stringify({ test: "signed by the console's virtual device", at: new Date().toISOString() });
  const headers = client.signHeaders({ method: "POST", uriId: VIRTUAL_DEVICE_TEST_URI_ID, body, factors: signatureType });
  const next = client.state;
  if (next.activation) next.activation.keys = real.keys;
  await saveVirtualDevice(registrationId, device.version, next);

  const outcome = await verifyOnlineSignature({
    authHeader: Object.values(headers)[0]!,
    method: "POST",
    uriId: VIRTUAL_DEVICE_TEST_URI_ID,
    body: Buffer.from(body),
    applicationId: registration.applicationId,
    actor,
  });
  return {
    signatureValid: outcome.valid,
    note: outcome.note,
    registrationStatus: outcome.registration?.status ?? null,
    remainingAttempts: outcome.remainingAttempts,
    counter: next.activation?.counter ?? 0,
  };
}
