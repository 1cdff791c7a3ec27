/**
 * `npm run worker`: processes queued jobs without serving HTTP, for deployments that run workers
 * apart from the web instances (set WORKER_ENABLED=false on those). With DATABASE_URL it uses that
 * server; without, the data folder's embedded PostgreSQL, like the CLI. SIGTERM lets running jobs
 * finish (up to SHUTDOWN_TIMEOUT_SECONDS; unfinished ones return to the queue) and exits.
 */
import { getEnv } from "@/env";
import { startWorkers, stopJobs } from "@/server/jobs/queue";
import { logger } from "@/server/logger";
import { closeProviderClients } from "@/server/push/provider-clients";
import { withToolDatabase } from "@/server/runtime/tool-database";

// More connections than the CLI's two: the push delivery queues run several batches at once.
process.env.DATABASE_POOL_SIZE ??= "6";

await withToolDatabase("the Guardline worker", async () => {
  const env = getEnv();
  await startWorkers();
  process.send?.({ type: "ready" });
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  logger.info("worker stopping", { signal });
  setTimeout(() => process.exit(1), (env.SHUTDOWN_TIMEOUT_SECONDS + 1) * 1000).unref();
  await stopJobs(env.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  await closeProviderClients();
});
logger.info("worker stopped");
