/**
 * The registration an offline QR code is made for, or an offline OTP comes from (Cloud
 * `…/offline/qr` and `…/offline/otp`): one of the operation's own user and application, carrying
 * the operation's activation flag if it has one, and not REMOVED. Anything else is the documented
 * ERROR_REGISTRATION_NOT_FOUND ("does not exist, it is not active or user does not have access").
 */
import type { RegistrationStatus } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db";
import { AppError } from "@/server/errors";

import type { OperationRow } from "./operation-views";

export interface OfflineRegistration {
  id: string;
  status: RegistrationStatus;
  serverPrivateKeyEncrypted: string | null;
  protocolVersion: string | null;
}

export const offlineRegistrationNotFound = () => new AppError("ERROR_REGISTRATION_NOT_FOUND", "Registration does not exist, it is not active or the user does not have access to it");

export async function findOfflineRegistration(tx: Pick<DbTx, "registration">, operation: OperationRow, registrationId: string): Promise<OfflineRegistration> {
  const registration = await tx.registration.findFirst({
    where: {
      id: registrationId,
      applicationId: operation.applicationId,
      status: { not: "REMOVED" },
      ...(operation.userId ? { userId: operation.userId } : {}),
      ...(operation.activationFlag ? { flags: { has: operation.activationFlag } } : {}),
    },
    select: { id: true, status: true, serverPrivateKeyEncrypted: true, protocolVersion: true, devicePublicKey: true },
  });
  if (!registration || !registration.devicePublicKey || operation.userId === null) throw offlineRegistrationNotFound();
  return registration;
}
