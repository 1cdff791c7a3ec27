/**
 * One registration for the console's detail page: the summary of every state (REMOVED too), and
 * while it is CREATED and not expired, the activation QR data (`CODE#SIGNATURE`, §3.3) and the
 * code for manual entry. Whoever holds the code can bind a phone to this customer, so it goes
 * only to those who may change registrations (operators, administrators); viewers read the rest.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan, can } from "../access/permissions";
import { allowedChanges, registrationNotFound, type RegistrationChangeKind } from "./registration-transitions";
import { isExpired, qrCodeDataOf, REGISTRATION_VIEW_SELECT, registrationScope, toRegistrationSummary, type RegistrationSummary, UUID_TEXT } from "./registration-views";

export interface RegistrationDetail extends RegistrationSummary {
  /** CREATED and not expired, for operators and administrators; otherwise null. */
  activation: { qrCodeData: string; code: string } | null;
  /** CREATED and not expired, but the code is withheld from this reader. */
  activationWithheld: boolean;
  /** The numeric signature counter (§10.3; the status blob's), as text: it is a 64-bit value. */
  counter: string;
  /** What the documented transition table allows from this state (BLOCK, UNBLOCK, REMOVE). */
  allowedChanges: readonly RegistrationChangeKind[];
  canWrite: boolean;
}

export async function getRegistrationDetail({ actor, registrationId }: { actor: Actor; registrationId: string }): Promise<RegistrationDetail> {
  assertCan(actor, "registrations.read");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  const row = await db.registration.findFirst({ where: { id: registrationId, ...registrationScope(actor) }, select: { ...REGISTRATION_VIEW_SELECT, counter: true } });
  if (!row) throw registrationNotFound();
  const canWrite = can(actor, "registrations.write");
  const offersCode = row.status === "CREATED" && !isExpired(row);
  const { counter, ...view } = row;
  return {
    ...toRegistrationSummary(view),
    counter: counter.toString(),
    allowedChanges: allowedChanges(row.status),
    activation: offersCode && canWrite ? { qrCodeData: qrCodeDataOf(row), code: row.activationCode } : null,
    activationWithheld: offersCode && !canWrite,
    canWrite,
  };
}
