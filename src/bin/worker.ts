/**
 * `npm run worker`: processes queued jobs without serving HTTP, for deployments that run workers
 * apart from the web instances. Needs DATABASE_URL (a PostgreSQL server: the embedded database
 * belongs to the running server process).
 */
import { getEnv } from "@/env";
import { disconnectDb } from "@/server/db";
import { startWorkers, stopJobs } from "@/server/jobs/queue";
import { logger } from "@/server/logger";

const env = getEnv();
if (!env.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL; with the embedded database the server runs the jobs itself.");
  process.exit(1);
}
await startWorkers();

async function shutdown(signal: string): Promise<void> {
  logger.info("worker stopping", { signal });
  await stopJobs(env.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  await disconnectDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
