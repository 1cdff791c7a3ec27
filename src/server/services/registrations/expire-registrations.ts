/**
 * Removes registrations that were not finished in time (protocol §4: "expired CREATED or
 * PENDING_COMMIT activations are moved to REMOVED … by a clean-up job"): the scheduled job and the
 * worker route run this. Bounded batches, each one transaction: the rows are locked with
 * `SKIP LOCKED` (a registration being activated or committed right now is left for the next run,
 * and two instances running the job never wait on each other), set to REMOVED, and each gets its
 * history row (reason EXPIRED, the system as actor) through `recordRegistrationChange`.
 */
import type { RegistrationStatus } from "@/generated/prisma/enums";

import { systemActor, type Actor } from "../access/actor";
import { sweepInBatches } from "../system/sweep-in-batches";
import { recordRegistrationChange } from "./registration-changes";

export const EXPIRED_REASON = "EXPIRED";

export async function expireRegistrations({
  actor = systemActor("expiry"),
  batchSize = 100,
  maxBatches = 50,
  now = new Date(),
}: {
  actor?: Actor;
  batchSize?: number;
  /** A run stops after this many batches; the next run continues. */
  maxBatches?: number;
  /** "Expired" means expires_at at or before this time. */
  now?: Date;
} = {}): Promise<{ expired: number; batches: number }> {
  const { swept, batches } = await sweepInBatches({ batchSize, maxBatches }, async (sql) => {
    const rows = await sql.query(
      `SELECT id::text, application_id, user_id, status::text FROM registration
        WHERE status IN ('CREATED', 'PENDING_COMMIT') AND expires_at <= $1
        ORDER BY expires_at
        LIMIT $2
          FOR UPDATE SKIP LOCKED`,
      [now, batchSize],
    );
    if (rows.length === 0) return 0;
    await sql.query(`UPDATE registration SET status = 'REMOVED', last_changed_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => String(row.id))]);
    for (const row of rows) {
      await recordRegistrationChange(sql, {
        registrationId: String(row.id),
        applicationId: String(row.application_id),
        userId: String(row.user_id),
        from: row.status as RegistrationStatus,
        to: "REMOVED",
        reason: EXPIRED_REASON,
        actor,
      });
    }
    return rows.length;
  });
  return { expired: swept, batches };
}
