/**
 * "Activate a virtual device" on a CREATED registration (issue 9 §4): the device simulator scans
 * the registration's QR code and runs the key exchange against this server's mobile API
 * (`/pa/v3/status`, `/pa/v3/keystore/create`, `/pa/v3/activation/create`; protocol 3.3, §6–§7),
 * with the application's newest supported version, as the bank's app on a phone would. The
 * registration then waits in PENDING_COMMIT (or is ACTIVE with an ON_KEY_EXCHANGE OTP) and the
 * device's fingerprint is shown for the staff member to compare, as the phone's screen would.
 *
 * Staff only (operators and administrators), audited; the device's state is sealed server-side.
 */
import { encodeMobileSdkConfig } from "@/powerauth/server";
import { newDeviceState } from "@/cli/device/device-client";
import { db } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isStaffSide } from "./create-registration";
import { registrationNotFound } from "./registration-transitions";
import { isExpired, qrCodeDataOf, registrationScope, UUID_TEXT } from "./registration-views";
import { deviceClientFor, describeDeviceFailure, sealDeviceState, toVirtualDeviceView, type VirtualDeviceView } from "./virtual-device-store";

export async function activateVirtualDevice({
  actor,
  registrationId,
  otp,
}: {
  actor: Actor;
  registrationId: string;
  /** The activation OTP the customer would type, for a registration that checks it at key exchange. */
  otp?: string;
}): Promise<VirtualDeviceView & { registrationStatus: string }> {
  assertCan(actor, "registrations.write");
  if (!isStaffSide(actor)) throw forbidden("Virtual devices are for staff in the console");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  const registration = await db.registration.findFirst({
    where: { id: registrationId, ...registrationScope(actor) },
    select: {
      id: true,
      applicationId: true,
      status: true,
      expiresAt: true,
      otpValidation: true,
      activationCode: true,
      activationSignature: true,
      application: {
        select: {
          masterKeyPairs: { select: { publicKey: true }, orderBy: { createdAt: "desc" }, take: 1 },
          versions: { where: { supported: true }, select: { appKey: true, appSecret: true }, orderBy: { createdAt: "desc" }, take: 1 },
        },
      },
    },
  });
  if (!registration || registration.status === "REMOVED") throw registrationNotFound();
  if (registration.status !== "CREATED") {
    throw new AppError("ERROR_REGISTRATION_CHANGE", `A virtual device activates a CREATED registration; this one is ${registration.status}.`);
  }
  if (isExpired(registration)) throw new AppError("ERROR_REGISTRATION_CHANGE", "The registration has expired; its activation code can no longer be used.");
  if (registration.otpValidation === "ON_KEY_EXCHANGE" && !otp) {
    throw new AppError("ERROR_REQUEST", "Invalid method parameter value", {
      violations: [{ fieldName: "otp", hint: "must not be empty: this registration checks its OTP when the device activates" }],
    });
  }
  const version = registration.application.versions[0];
  const masterServerPublicKey = registration.application.masterKeyPairs[0]?.publicKey;
  if (!version || !masterServerPublicKey) {
    throw new AppError("ERROR_REGISTRATION", "The application has no supported version, so no mobile app (virtual or real) can activate.");
  }

  const client = deviceClientFor(newDeviceState(encodeMobileSdkConfig({ applicationKey: version.appKey, applicationSecret: version.appSecret, masterServerPublicKey })));
  try {
    await client.activate({
      qr: qrCodeDataOf(registration),
      version: "3.3",
      ...(registration.otpValidation === "ON_KEY_EXCHANGE" ? { otp } : {}),
      name: `Virtual device (${actor.label})`,
      platform: "virtual",
      deviceInfo: "guardline-console-virtual-device",
    });
  } catch (error) {
    throw describeDeviceFailure(error);
  }

  const state = client.state;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.virtualDevice.create({ data: { registrationId, stateEncrypted: sealDeviceState(registrationId, state), createdBy: actor.label } });
    await recordAuditEvent(tx, {
      actor,
      action: "registration.virtual-device.activate",
      targetType: "registration",
      targetId: registrationId,
      applicationId: registration.applicationId,
      after: { activationId: state.activation?.activationId, protocolVersion: "3.3" },
    });
    return created;
  });
  const after = await db.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { status: true } });
  return {
    ...toVirtualDeviceView({ state, version: row.version, createdBy: row.createdBy, createdAt: row.createdAt, updatedAt: row.updatedAt }),
    registrationStatus: after.status,
  };
}
