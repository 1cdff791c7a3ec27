/**
 * Deletes what the mobile protocol only needs for a while (the scheduled job and the worker route
 * run this): 3.3 temporary keys past their expiry (a request naming one is refused either way) and
 * replay records past their window (the timestamp check refuses such a replay by itself, §5.3).
 * Bounded batches, so a backlog never becomes one long statement.
 */
import { db } from "@/server/db";

export async function purgeExpiredProtocolData({
  batchSize = 1000,
  maxBatches = 50,
  now = new Date(),
}: { batchSize?: number; maxBatches?: number; now?: Date } = {}): Promise<{ temporaryKeys: number; replayRecords: number }> {
  let temporaryKeys = 0;
  let replayRecords = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const keys = await db.$executeRaw`DELETE FROM temporary_key WHERE id IN (SELECT id FROM temporary_key WHERE expires_at <= ${now} LIMIT ${batchSize})`;
    const records = await db.$executeRaw`DELETE FROM replay_record WHERE key IN (SELECT key FROM replay_record WHERE expires_at <= ${now} LIMIT ${batchSize})`;
    temporaryKeys += keys;
    replayRecords += records;
    if (keys < batchSize && records < batchSize) break;
  }
  return { temporaryKeys, replayRecords };
}
