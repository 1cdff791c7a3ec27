/**
 * Queues delivery jobs inside the caller's transaction (pg-boss `insert` with the transaction as
 * its database), so deliveries and the jobs that send them commit together or not at all: a
 * delivery row never waits without a job, and a job never points at rows that were rolled back.
 */
import type { PushProvider } from "@/generated/prisma/enums";
import type { SqlRunner } from "@/server/db";
import { DELIVERY_BATCH_SIZE, pushDeliverJobs } from "@/server/jobs/definitions/push-deliver";
import { pushFanOutJob } from "@/server/jobs/definitions/push-fan-out";
import { getBoss } from "@/server/jobs/queue";

/**
 * Starts this process's queue (once) before a transaction that enqueues: starting it takes
 * connections of its own, which a transaction holding locks must never wait for.
 */
export async function prepareQueue(): Promise<void> {
  await getBoss();
}

const inTransaction = (sql: SqlRunner) => ({ executeSql: async (text: string, values?: unknown[]) => ({ rows: await sql.query(text, values ?? []) }) });

/** One job per provider and DELIVERY_BATCH_SIZE deliveries, to run at `startAfter` (now by default). */
export async function enqueueDeliveries(sql: SqlRunner, deliveries: { id: string; platform: PushProvider }[], startAfter?: Date): Promise<number> {
  if (deliveries.length === 0) return 0;
  const boss = await getBoss();
  let jobs = 0;
  for (const provider of ["APNS", "FCM", "HMS"] as const) {
    const ids = deliveries.filter((delivery) => delivery.platform === provider).map((delivery) => delivery.id);
    if (ids.length === 0) continue;
    const batch = [];
    for (let start = 0; start < ids.length; start += DELIVERY_BATCH_SIZE) {
      batch.push({ data: { deliveryIds: ids.slice(start, start + DELIVERY_BATCH_SIZE) }, ...(startAfter ? { startAfter } : {}) });
    }
    await boss.insert(pushDeliverJobs[provider].name, batch, { db: inTransaction(sql) });
    jobs += batch.length;
  }
  return jobs;
}

export async function enqueueFanOut(sql: SqlRunner, messageId: string): Promise<void> {
  const boss = await getBoss();
  await boss.insert(pushFanOutJob.name, [{ data: { messageId } }], { db: inTransaction(sql) });
}
