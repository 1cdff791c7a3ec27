/**
 * Moves PENDING operations past their expiry to EXPIRED (the scheduled job and the worker route run
 * this; powerauth-products.md §1.4: a job, since reads never change state). Bounded batches, each
 * one transaction: rows locked with `SKIP LOCKED` (an operation being approved right now is left
 * for the next run, and two instances never wait on each other), set to EXPIRED, and each gets
 * its history row (reason EXPIRED, the system as actor) through `recordOperationChange`.
 */

import { systemActor, type Actor } from "../access/actor";
import { sweepInBatches } from "../system/sweep-in-batches";
import { recordOperationChange } from "./operation-changes";

export async function expireOperations({
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
      `SELECT id::text, application_id, user_id FROM operation
        WHERE status = 'PENDING' AND expires_at <= $1
        ORDER BY expires_at
        LIMIT $2
          FOR UPDATE SKIP LOCKED`,
      [now, batchSize],
    );
    if (rows.length === 0) return 0;
    await sql.query(`UPDATE operation SET status = 'EXPIRED', status_reason = 'EXPIRED', finished_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => String(row.id))]);
    for (const row of rows) {
      await recordOperationChange(sql, {
        operationId: String(row.id),
        applicationId: String(row.application_id),
        userId: typeof row.user_id === "string" ? row.user_id : null,
        from: "PENDING",
        to: "EXPIRED",
        reason: "EXPIRED",
        actor,
      });
    }
    return rows.length;
  });
  return { expired: swept, batches };
}
