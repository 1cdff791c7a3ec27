/**
 * One registration (Cloud `GET /v2/registrations/{registrationId}`), in its documented shape.
 * Reading never changes state: a registration past its expiry stays CREATED or PENDING_COMMIT
 * until the expiry job removes it, but an expired CREATED one no longer offers its QR code.
 * REMOVED, unknown and other applications' registrations are all "not found".
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { registrationNotFound } from "./registration-transitions";
import {
  REGISTRATION_VIEW_SELECT,
  registrationScope,
  toCloudRegistration,
  toRegistrationSummary,
  type CloudRegistration,
  type RegistrationSummary,
  UUID_TEXT,
} from "./registration-views";

async function findVisible(actor: Actor, registrationId: string, applicationId: string | null | undefined, includeRemoved: boolean) {
  assertCan(actor, "registrations.read");
  if (!UUID_TEXT.test(registrationId)) throw registrationNotFound();
  const row = await db.registration.findFirst({
    where: { id: registrationId, ...registrationScope(actor, applicationId), ...(includeRemoved ? {} : { status: { not: "REMOVED" } }) },
    select: REGISTRATION_VIEW_SELECT,
  });
  if (!row) throw registrationNotFound();
  return row;
}

export async function getRegistration({
  actor,
  registrationId,
  applicationId,
}: {
  actor: Actor;
  registrationId: string;
  applicationId?: string | null;
}): Promise<CloudRegistration> {
  return toCloudRegistration(await findVisible(actor, registrationId, applicationId, false));
}

/** The console's detail: every state (REMOVED too), without keys or hashes. */
export async function getRegistrationSummary({
  actor,
  registrationId,
  applicationId,
}: {
  actor: Actor;
  registrationId: string;
  applicationId?: string | null;
}): Promise<RegistrationSummary> {
  return toRegistrationSummary(await findVisible(actor, registrationId, applicationId, true));
}
