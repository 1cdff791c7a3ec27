/**
 * The pg-boss instance of this process (one per process, kept on globalThis because the custom
 * server and the Next.js bundle both reach it). Queues live in the same PostgreSQL, schema
 * `pgboss`. Three ways to run jobs share one code path (`runJob`): in-process workers
 * (`startWorkers`), the worker route (`drainQueues`), and `npm run worker`.
 */
import { PgBoss, type JobResult } from "pg-boss";

import { getEnv } from "@/env";
import { logger } from "@/server/logger";

import type { JobRegistration } from "./job-definition";
import { JOBS } from "./registry";

const store = globalThis as { __guardlineBoss?: Promise<PgBoss> };

async function createBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: getEnv().DATABASE_URL,
    schema: "pgboss",
    max: 3,
    application_name: "guardline-jobs",
    // One more connection, held to LISTEN: workers of `notify` queues (push) wake when a job is
    // queued instead of at their next poll. Polling stays as the floor.
    useListenNotify: true,
    // How soon a run whose worker died (its heartbeat stopped) or that ran past its expiry goes
    // back to the queue: every 15 s instead of pg-boss's 60 s, so a crashed worker's pushes
    // resume within about half a minute.
    monitorIntervalSeconds: 15,
    superviseIntervalSeconds: 15,
  });
  boss.on("error", (error) => logger.error("job queue error", { error }));
  await boss.start();
  for (const { definition } of JOBS) {
    await boss.createQueue(definition.name, definition.queue);
    if (definition.schedule) await boss.schedule(definition.name, definition.schedule.cron, definition.schedule.data as object);
  }
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  store.__guardlineBoss ??= createBoss().catch((error: unknown) => {
    store.__guardlineBoss = undefined;
    throw error;
  });
  return store.__guardlineBoss;
}

export async function runJob(registration: JobRegistration, job: { id: string; data: unknown; retryCount: number }) {
  const payload = registration.definition.payload.parse(job.data ?? {});
  return registration.handler(payload, { id: job.id, retryCount: job.retryCount });
}

export async function startWorkers(): Promise<void> {
  const boss = await getBoss();
  for (const registration of JOBS) {
    const { name, queue, localConcurrency, fetchBatch = 1 } = registration.definition;
    const polling = queue.notify ? { pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 5 } : { pollingIntervalSeconds: 2 };
    // A worker that takes one job at a time waits its polling interval before the next; one that
    // takes batches fetches again at once while batches come back full (a backlog drains at full
    // speed). Each job of a batch settles on its own: one failure retries that job only.
    const options = { batchSize: fetchBatch, burstWhenBatchFull: fetchBatch > 1, localConcurrency: localConcurrency ?? 1, perJobResults: true as const, ...polling };
    await boss.work(name, options, async (jobs) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            return { id: job.id, status: "completed", output: (await runJob(registration, job)) ?? null };
          } catch (error) {
            logger.warn("job failed", { job: name, id: job.id, retryCount: job.retryCount, error });
            return { id: job.id, status: "failed", output: { message: error instanceof Error ? error.message : String(error) } };
          }
        }),
      ),
    );
  }
  logger.info("job workers started", { queues: JOBS.map((j) => j.definition.name) });
}

/** Runs at most `maxJobs` waiting jobs and returns what happened (the worker route). */
export async function drainQueues(maxJobs: number): Promise<{ processed: number; failed: number; byQueue: Record<string, number> }> {
  const boss = await getBoss();
  let processed = 0;
  let failed = 0;
  const byQueue: Record<string, number> = {};
  for (const registration of JOBS) {
    const name = registration.definition.name;
    while (processed + failed < maxJobs) {
      const [job] = await boss.fetch(name, { batchSize: 1 });
      if (!job) break;
      // A queue with a heartbeat expects one while the run lasts (`work` sends them itself).
      const heartbeatSeconds = registration.definition.queue.heartbeatSeconds;
      const heartbeat = heartbeatSeconds ? setInterval(() => void boss.touch(name, job.id).catch(() => undefined), (heartbeatSeconds * 1000) / 3) : undefined;
      try {
        const output = await runJob(registration, job);
        await boss.complete(name, job.id, (output ?? null));
        processed++;
      } catch (error) {
        logger.warn("job failed", { job: name, id: job.id, error });
        await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
        failed++;
      } finally {
        clearInterval(heartbeat);
      }
      byQueue[name] = (byQueue[name] ?? 0) + 1;
    }
  }
  return { processed, failed, byQueue };
}

/** Waits for running jobs (up to the timeout; unfinished ones return to the queue) and closes. */
export async function stopJobs(timeoutMs: number): Promise<void> {
  const pending = store.__guardlineBoss;
  if (!pending) return;
  store.__guardlineBoss = undefined;
  const boss = await pending.catch(() => undefined);
  await boss?.stop({ graceful: true, timeout: timeoutMs, close: true });
}
