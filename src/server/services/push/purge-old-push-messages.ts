/**
 * Retention of the push log (the hourly job): messages older than PUSH_MESSAGE_RETENTION_DAYS are
 * deleted with their deliveries and attempts (cascade), oldest first, a bounded batch of messages
 * per transaction. A message with a delivery still PENDING or SENDING is kept until it ends,
 * whatever its age, so retention never takes work from a worker.
 */
import { getEnv } from "@/env";

import { sweepInBatches } from "../system/sweep-in-batches";

export async function purgeOldPushMessages({
  batchSize = 100,
  maxBatches = 50,
  now = new Date(),
  retentionDays = getEnv().PUSH_MESSAGE_RETENTION_DAYS,
}: { batchSize?: number; maxBatches?: number; now?: Date; retentionDays?: number } = {}): Promise<{ messages: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600_000);
  const { swept } = await sweepInBatches({ batchSize, maxBatches }, async (sql) => {
    const deleted = await sql.query(
      `DELETE FROM push_message WHERE id IN (
         SELECT m.id FROM push_message m
          WHERE m.created_at < $1::timestamptz
            AND NOT EXISTS (SELECT 1 FROM push_delivery d WHERE d.message_id = m.id AND d.status IN ('PENDING', 'SENDING'))
          ORDER BY m.created_at LIMIT $2
          FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [cutoff, batchSize],
    );
    return deleted.length;
  });
  return { messages: swept };
}
