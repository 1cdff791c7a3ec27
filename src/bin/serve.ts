/**
 * One server process: a plain Node HTTP server in front of Next.js. It owns what `next start`
 * does not: the REST fast path on the documented paths (src/server/http/serve-rest.ts), request
 * ids, security headers and the access log for every request, and a graceful shutdown that really
 * ends (stop taking requests, let running ones and running jobs finish, and exit within
 * SHUTDOWN_TIMEOUT_SECONDS whatever is stuck).
 *
 * Started by src/bin/start.ts as a cluster worker (one per core by default, WEB_CONCURRENCY); in
 * production from the bundle that `build-server.ts` writes, so no TypeScript loader runs here.
 * The worker with index 0 runs the queue workers when WORKER_ENABLED.
 */
import http from "node:http";

import next from "next";

import { getEnv } from "@/env";
import { disconnectDb } from "@/server/db";
import { headerGetterOf, resolveForwarded } from "@/server/http/forwarded";
import { answerClientError, createRequestHandler } from "@/server/http/request-handler";
import { securityHeaders } from "@/server/http/security-headers";
import { startWorkers, stopJobs } from "@/server/jobs/queue";
import { logger } from "@/server/logger";
import { closeProviderClients } from "@/server/push/provider-clients";
import { createRestRouter } from "@/server/rest/rest-router";

const dev = process.argv.includes("--dev");
const env = getEnv();
const workerIndex = Number(process.env.GUARDLINE_WORKER_INDEX ?? 0);
const projectDir = process.env.GUARDLINE_PROJECT_DIR ?? process.cwd();

const app = next({ dev, dir: projectDir, hostname: env.HOST, port: env.PORT, conf: dev ? undefined : { compress: env.HTTP_COMPRESSION } });
const [router] = await Promise.all([createRestRouter(), app.prepare()]);
const handle = app.getRequestHandler();
const baseHeaders = securityHeaders(env.publicUrl);

let shuttingDown = false;
let inFlight = 0;

const handler = createRequestHandler({
  router,
  next: (req, res) => handle(req, res),
  baseHeaders,
  clientAddress: (req) => resolveForwarded(headerGetterOf(req.headers), req.socket.remoteAddress, env.TRUST_PROXY).clientAddress,
  isShuttingDown: () => shuttingDown,
});

const server = http.createServer((req, res) => {
  inFlight++;
  res.once("close", () => inFlight--);
  handler(req, res);
});
// Longer than the idle timeout of common load balancers (60 s), so the balancer, never this server,
// closes an idle kept-alive connection (no request lost on a connection closed under it).
server.keepAliveTimeout = env.KEEP_ALIVE_TIMEOUT_SECONDS * 1000;
server.headersTimeout = server.keepAliveTimeout + 1000;
server.on("clientError", (error: NodeJS.ErrnoException, socket) => answerClientError(error, socket, baseHeaders));

if (env.WORKER_ENABLED && workerIndex === 0) {
  startWorkers().catch((error: unknown) => logger.error("job workers did not start", { error }));
}

server.listen(env.PORT, env.HOST, () => {
  logger.info("listening", { url: env.publicUrl, host: env.HOST, port: env.PORT, dev, worker: workerIndex, pid: process.pid });
  process.send?.({ type: "ready" });
});

async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  // Whatever hangs (a request, a job, the database), the process ends at the deadline.
  setTimeout(() => {
    logger.warn("shutdown timeout reached; exiting with work unfinished", { inFlight });
    process.exit(1);
  }, deadline - Date.now() + 500).unref();
  logger.info("shutting down", { signal, inFlight, worker: workerIndex });
  server.close();
  server.closeIdleConnections();
  const jobsStopped = stopJobs(Math.max(1000, deadline - Date.now() - 1000)).catch((error: unknown) => logger.warn("stopping jobs", { error }));
  while (inFlight > 0 && Date.now() < deadline - 1000) await new Promise((resolve) => setTimeout(resolve, 25));
  server.closeAllConnections();
  await jobsStopped;
  // The push deliveries that were running have finished and recorded; their connections end here.
  await closeProviderClients().catch(() => undefined);
  await app.close?.().catch(() => undefined);
  await disconnectDb().catch(() => undefined);
  logger.info("stopped", { signal, worker: workerIndex });
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("disconnect", () => void shutdown("primary exited"));
