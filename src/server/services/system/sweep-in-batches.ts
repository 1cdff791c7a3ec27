/**
 * A sweep over a table that may hold a backlog (the expiry of registrations and of operations), as
 * bounded batches: each batch is its own hot transaction that locks, changes and records at most
 * `batchSize` rows and says how many it took; the sweep stops after a short batch, or after
 * `maxBatches` (the next run continues), so a backlog never becomes one long transaction.
 */
import { hotTransaction, type SqlRunner } from "@/server/db";

export async function sweepInBatches(
  { batchSize, maxBatches }: { batchSize: number; maxBatches: number },
  batch: (sql: SqlRunner) => Promise<number>,
): Promise<{ swept: number; batches: number }> {
  let swept = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const count = await hotTransaction(batch);
    batches++;
    swept += count;
    if (count < batchSize) break;
  }
  return { swept, batches };
}
