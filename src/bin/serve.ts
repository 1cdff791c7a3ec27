/**
 * The server process: Next.js behind a plain Node HTTP server, so the product controls the two
 * things `next start` does not: a request id (and an access log line) for every request, and a
 * graceful shutdown (stop taking requests, let running ones finish, finish or release running
 * jobs, close the database last). Started by src/bin/start.ts, which owns the embedded database.
 */
import crypto from "node:crypto";
import http from "node:http";

import next from "next";

import { getEnv } from "@/env";
import { disconnectDb } from "@/server/db";
import { startWorkers, stopJobs } from "@/server/jobs/queue";
import { logger, runWithRequestContext } from "@/server/logger";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

const dev = process.argv.includes("--dev");
const env = getEnv();
const app = next({ dev, dir: PROJECT_ROOT, hostname: env.HOST, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();

let inFlight = 0;
let shuttingDown = false;

const server = http.createServer((req, res) => {
  const incoming = req.headers["x-request-id"];
  const requestId =
    typeof incoming === "string" && /^[A-Za-z0-9._-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
  res.setHeader("X-Request-Id", requestId);
  if (shuttingDown) res.setHeader("Connection", "close");
  const started = process.hrtime.bigint();
  inFlight++;
  res.once("close", () => {
    inFlight--;
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path.startsWith("/_next/")) return;
    runWithRequestContext({ requestId }, () =>
      logger.info("request", {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      }),
    );
  });
  runWithRequestContext({ requestId }, () => {
    handle(req, res).catch((error: unknown) => {
      logger.error("request handler crashed", { error });
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Internal Server Error");
    });
  });
});
server.keepAliveTimeout = 5_000;

if (env.WORKER_ENABLED) {
  startWorkers().catch((error: unknown) => logger.error("job workers did not start", { error }));
}

server.listen(env.PORT, env.HOST, () => {
  logger.info("listening", { url: env.publicUrl, host: env.HOST, port: env.PORT, dev });
  process.send?.({ type: "ready" });
});

async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  logger.info("shutting down", { signal, inFlight });
  server.close();
  server.closeIdleConnections();
  while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  server.closeAllConnections();
  await stopJobs(Math.max(1000, deadline - Date.now())).catch((error: unknown) => logger.warn("stopping jobs", { error }));
  await app.close?.().catch(() => undefined);
  await disconnectDb().catch(() => undefined);
  logger.info("stopped", { signal });
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("disconnect", () => void shutdown("parent exited"));
