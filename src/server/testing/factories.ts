/**
 * Test data through the real services (never by writing rows behind their back), each call with
 * unique names so tests do not depend on one another.
 */
import crypto from "node:crypto";

import { DeviceClient, newDeviceState, type DeviceSimulatorState } from "@/cli/device/device-client";
import type { ProtocolVersion } from "@/powerauth/device";
import type { OtpValidation, StaffRole } from "@/generated/prisma/enums";
import { ZTemplateInput, type TemplateInput } from "@/schemas/templates";
import { fromWebRequest, toWebResponse } from "@/server/rest/rest-request";
import type { Method } from "@/server/rest/rest-route";
import { createRestRouter, type RestRouter } from "@/server/rest/rest-router";
import { cliActor, type Actor } from "@/server/services/access/actor";
import { createApplication } from "@/server/services/applications/create-application";
import type { ApplicationDetail } from "@/server/services/applications/get-application-detail";
import { createCredential } from "@/server/services/credentials/create-credential";
import { commitRegistration } from "@/server/services/registrations/commit-registration";
import { createRegistration } from "@/server/services/registrations/create-registration";
import { inviteStaff } from "@/server/services/staff/invite-staff";
import { saveTemplate } from "@/server/services/templates/save-template";

export const testActor: Actor = cliActor("test");

export function uniqueId(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

export function makeApplication(roles: string[] = []) {
  return createApplication({ actor: testActor, id: uniqueId("app"), roles });
}

export function makeCredential(scope: "ADMIN" | "APPLICATION", applicationId?: string) {
  return createCredential({ actor: testActor, name: uniqueId("cred"), scope, applicationId });
}

/** A staff member and the actor the console would build for them. */
export async function makeStaff(role: StaffRole) {
  const { user, temporaryPassword } = await inviteStaff({
    actor: testActor,
    email: `${uniqueId(role.toLowerCase())}@bank.test`,
    name: `Test ${role}`,
    role,
  });
  const actor: Actor & { type: "STAFF" } = { type: "STAFF", id: user.id, label: user.email, role };
  return { user, temporaryPassword, actor };
}

// ---------------------------------------------------------------------------------------------
// Registrations and devices: made through the real services and the real key exchange, with the
// device simulator talking to the product's own REST routes in this process (no HTTP server).
// ---------------------------------------------------------------------------------------------

let router: Promise<RestRouter> | undefined;

/** A `fetch` served by the product's REST routes in this process: the simulator's server, without a socket. */
export async function inProcessFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const match = (await (router ??= createRestRouter())).match(new URL(request.url).pathname);
  const handler = match?.route.table.handlers[request.method as Method];
  if (!match || !handler) throw new Error(`No in-process route serves ${request.method} ${request.url}`);
  return toWebResponse(await handler(fromWebRequest(request), match.params));
}

/** A fresh simulated phone for an application (its mobileSdkConfig), talking to the in-process routes. */
export function makeDevice(mobileSdkConfig: string): DeviceClient {
  return new DeviceClient({ baseUrl: "http://in-process", state: newDeviceState(mobileSdkConfig), fetch: inProcessFetch });
}

/** A simulated phone resumed from a stored state (e.g. an older copy of it). */
export function restoreDevice(state: DeviceSimulatorState): DeviceClient {
  return new DeviceClient({ baseUrl: "http://in-process", state, fetch: inProcessFetch });
}

export const TEST_OTP = "12345678";

/** A CREATED registration (and its application unless one is given). */
export async function makeRegistration({
  app,
  otpValidation = "NONE",
  otp = TEST_OTP,
  flags = [],
}: { app?: ApplicationDetail; otpValidation?: OtpValidation; otp?: string; flags?: string[] } = {}) {
  const application = app ?? (await makeApplication());
  const userId = uniqueId("user");
  const created = await createRegistration({
    actor: testActor,
    applicationId: application.id,
    userId,
    otpValidation,
    ...(otpValidation === "NONE" ? {} : { otp }),
    flags,
  });
  return { app: application, userId, ...created };
}

/**
 * A registration activated by a simulated device with the given protocol version: PENDING_COMMIT
 * (`commit: false`), or ACTIVE (committed by the bank, or at key exchange with an ON_KEY_EXCHANGE OTP).
 */
export async function makeActiveRegistration({
  version = "3.3",
  otpValidation = "NONE",
  commit = true,
  ...rest
}: { version?: ProtocolVersion; otpValidation?: OtpValidation; commit?: boolean; app?: ApplicationDetail; flags?: string[] } = {}) {
  const registration = await makeRegistration({ otpValidation, ...rest });
  const device = makeDevice(registration.app.mobileSdkConfig);
  const activated = await device.activate({ qr: registration.activationQrCodeData, version, ...(otpValidation === "ON_KEY_EXCHANGE" ? { otp: TEST_OTP } : {}) });
  if (commit && otpValidation !== "ON_KEY_EXCHANGE") {
    await commitRegistration({ actor: testActor, registrationId: registration.registrationId, ...(otpValidation === "ON_COMMIT" ? { otp: TEST_OTP } : {}) });
  }
  return { ...registration, device, fingerprint: activated.fingerprint };
}

// ---------------------------------------------------------------------------------------------
// Operation templates and operations, through the real services.
// ---------------------------------------------------------------------------------------------

/** A template with a payment-like data template (`A1*A${amount}${currency}*I${iban}`) unless overridden. */
export async function makeTemplate(overrides: Partial<TemplateInput> = {}) {
  const template = ZTemplateInput.parse({
    name: uniqueId("payment"),
    operationType: "authorize_payment",
    dataTemplate: "A1*A${amount}${currency}*I${iban}",
    texts: {
      en: {
        title: "Confirm payment",
        message: "Please confirm the payment of ${amount} ${currency}.",
        attributes: [
          { type: "AMOUNT", id: "operation.amount", label: "Amount", amount: "${amount}", currency: "${currency}" },
          { type: "KEY_VALUE", id: "operation.account", label: "To account", value: "${iban}" },
        ],
      },
      cs: { title: "Potvrďte platbu", message: "Potvrďte prosím platbu ${amount} ${currency}.", attributes: [{ type: "NOTE", id: "operation.note", label: "Poznámka", note: "${iban}" }] },
    },
    ...overrides,
  });
  return (await saveTemplate({ actor: testActor, template })).template;
}

export const PAYMENT = { amount: "100.50", currency: "EUR", iban: "CZ2730300000001165254011" };
