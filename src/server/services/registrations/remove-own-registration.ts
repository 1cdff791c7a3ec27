/**
 * A device removes its own registration (`POST /pa/v3/activation/remove`, protocol §12), after
 * its signature was verified (possession plus knowledge or biometry). The same REMOVE change as the
 * bank's, recorded in the history with the device as the actor; afterwards its signatures and
 * tokens no longer verify, and its status blob reports REMOVED.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { activationFailed } from "./create-activation";
import { lockRegistration, writeStatusChange } from "./registration-status-change";
import { applyChange } from "./registration-transitions";

export async function removeOwnRegistration({
  registrationId,
  applicationId,
  actor,
}: {
  /** The registration whose signature authenticated the request. */
  registrationId: string;
  applicationId: string;
  /** The device (`deviceActor`). */
  actor: Actor;
}): Promise<{ activationId: string }> {
  return db.$transaction(async (tx) => {
    const row = await lockRegistration(tx, { actor, registrationId, applicationId });
    // Removed by someone else between the signature check and now.
    if (!row || row.status === "REMOVED") throw activationFailed();
    await writeStatusChange(tx, row, { to: applyChange(row.status, "REMOVE"), actor });
    return { activationId: row.id };
  });
}
