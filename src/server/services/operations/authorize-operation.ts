/**
 * The phone approves an operation (Mobile Token `authorize`, powerauth-protocol.md §14): the
 * request's PowerAuth signature has already been verified by the REST wrapper (counter and
 * registration failures, §10.5–§10.6). Under the operation's row lock, all of these must hold
 * (powerauth-products.md §1.4 "Approve"): PENDING and not past its expiry; the device's user,
 * application and activation flag; the signed `data` equal to the operation's data; the signature
 * type among the operation's allowed ones; the proximity OTP when the check is on. A failed check
 * counts toward the operation's own limit (FAILED at the limit). The outcome is committed before
 * the error is answered, so a failed attempt is never rolled back with it.
 *
 * `recordFailedSignatureApproval` counts a request whose signature did not verify (the user typed
 * a wrong PIN) against the operation it names, as the reference's enrollment server does.
 */
import { verifyTotp } from "@/powerauth/server";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { openSecret } from "@/server/security/secret-box";

import { deviceActor, type Actor } from "../access/actor";
import { proximitySeedContext } from "./create-operation";
import { countFailedApproval, failedApprovalError, isVisibleTo, mobileOperationNotFound, mobileStateError, type DeviceRegistration } from "./mobile-operation-access";
import { lockOperation, writeOperationChange } from "./operation-state-change";
import { UUID_TEXT } from "./operation-views";

/** Proximity TOTP: 30 s steps, the current one and one back (powerauth-products.md §1.4). */
const PROXIMITY_STEP_COUNT = 1;

export async function authorizeOperation({
  registration,
  actor,
  signatureType,
  operationId,
  data,
  proximityOtp,
}: {
  registration: DeviceRegistration;
  actor: Actor;
  /** The type of the verified signature. */
  signatureType: string;
  operationId: string;
  data: string;
  proximityOtp?: string;
}): Promise<void> {
  if (!UUID_TEXT.test(operationId)) throw mobileOperationNotFound();
  const error = await db.$transaction(async (tx): Promise<AppError | null> => {
    const row = await lockOperation(tx, { operationId, applicationId: registration.applicationId });
    if (!row || row.userId === null || row.userId !== registration.userId) return mobileOperationNotFound();
    const stateError = mobileStateError(row);
    if (stateError) return stateError;
    if (!isVisibleTo(row, registration)) return new AppError("INVALID_ACTIVATION", "This registration may not approve the operation (activation flag)");

    let why: string | null = null;
    if (row.data !== data) why = "DATA_MISMATCH";
    else if (!row.signatureTypes.includes(signatureType)) why = "SIGNATURE_TYPE_NOT_ALLOWED";
    else if (row.proximitySeedEncrypted !== null) {
      const seed = openSecret(row.proximitySeedEncrypted, proximitySeedContext(row.id));
      if (!proximityOtp || !verifyTotp({ seed, nowMs: Date.now(), stepCount: PROXIMITY_STEP_COUNT, otp: proximityOtp }).valid) why = "PROXIMITY_OTP_INVALID";
    }
    if (why) return failedApprovalError(await countFailedApproval(tx, row, { actor, registrationId: registration.id, why }));

    await writeOperationChange(tx, row, { to: "APPROVED", actor, reason: "APPROVED", registrationId: registration.id, additionalData: { activationId: registration.id, signatureType } });
    return null;
  });
  if (error) throw error;
}

/**
 * A signature that did not verify, on a request naming an operation: a failed attempt on that
 * operation when the header's registration is the operation's user's (same application), and the
 * operation is still pending. Anything unreadable is ignored (the request is refused anyway).
 */
export async function recordFailedSignatureApproval({ registration, rawBody }: { registration: { id: string; applicationId: string; userId: string } | null; rawBody: Buffer }): Promise<void> {
  if (!registration) return;
  let operationId: unknown;
  try {
    operationId = (JSON.parse(rawBody.toString("utf8")) as { requestObject?: { id?: unknown } })?.requestObject?.id;
  } catch {
    return;
  }
  if (typeof operationId !== "string" || !UUID_TEXT.test(operationId)) return;
  await db.$transaction(async (tx) => {
    const row = await lockOperation(tx, { operationId, applicationId: registration.applicationId });
    if (!row || row.userId !== registration.userId || mobileStateError(row)) return;
    await countFailedApproval(tx, row, { actor: deviceActor(registration), registrationId: registration.id, why: "SIGNATURE_INVALID" });
  });
}
