/**
 * `npm start` (and `npm run dev` with --dev): everything a fresh clone needs to run.
 *
 * 1. Secrets the server needs are taken from the environment or generated into the data folder.
 * 2. The environment is validated; a bad value stops here with a message naming it.
 * 3. Without DATABASE_URL, the embedded PostgreSQL server is started on the cluster in the data
 *    folder (initialised on the first start), on 127.0.0.1 with a generated password.
 * 4. Migrations are applied; on the very first start the first administrator is created and its
 *    password shown once (on the terminal, or in a 0600 file when the output is a log).
 * 5. The app and the server bundle are built when missing or older than the sources.
 * 6. This process becomes the cluster primary: it runs WEB_CONCURRENCY server processes (one per
 *    core by default) sharing the port, restarts one that crashes, forwards SIGTERM/SIGINT, and
 *    stops the embedded database only after every server process has ended.
 */
import { spawn } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import fs from "node:fs";
import path from "node:path";

import { type Env, EnvError, getEnv } from "@/env";
import { applyMigrations } from "@/server/runtime/apply-migrations";
import { fitPoolToConnectionLimit } from "@/server/runtime/connection-budget";
import { resolveDataFolder } from "@/server/runtime/data-folder";
import { applyDataSecrets } from "@/server/runtime/data-secrets";
import { clusterDirOf, type EmbeddedDatabase, openEmbeddedDatabase } from "@/server/runtime/embedded-database";
import { firstAdminPasswordFile } from "@/server/runtime/first-admin-password";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

import { buildServerBundle, SERVER_BUNDLE } from "./build-server";

const dev = process.argv.includes("--dev");
const startedAt = Date.now();
const say = (message: string) => console.log(`[guardline] ${message}`);

process.env.NEXT_TELEMETRY_DISABLED = "1";
// Next.js types NODE_ENV as read-only; the launcher is where it is decided.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
const dataDir = resolveDataFolder();
process.env.DATA_DIR = dataDir;

const fromDataFolder = applyDataSecrets(dataDir);
let env: Env;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`[guardline] ${error.message}\n[guardline] Fix the variable(s) above and start again (see README.md, Configuration).`);
    process.exit(1);
  }
  throw error;
}
if (fromDataFolder.length > 0) {
  say(`Using ${fromDataFolder.join(", ")} from ${path.join(dataDir, "secrets.json")} (set them in the environment to override; keep that file safe and backed up).`);
}

let embedded: EmbeddedDatabase | undefined;
if (!env.DATABASE_URL) {
  if (fs.existsSync(path.join(dataDir, "pgdata"))) {
    say(`${path.join(dataDir, "pgdata")} holds data of the retired PGlite database; it is not used any more (the embedded database is now PostgreSQL in ${clusterDirOf(dataDir)}).`);
  }
  try {
    embedded = await openEmbeddedDatabase({
      dataDir,
      password: process.env.EMBEDDED_DATABASE_PASSWORD!,
      owner: "the Guardline server",
      ifRunning: "refuse",
      log: (line) => console.error(`[postgres] ${line}`),
    });
  } catch (error) {
    console.error(`[guardline] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  process.env.DATABASE_URL = embedded.url;
  say(`Embedded PostgreSQL serving ${clusterDirOf(dataDir)} on 127.0.0.1:${embedded.port}.`);
} else {
  say("Using the PostgreSQL server from DATABASE_URL.");
}

async function stopEmbedded(): Promise<void> {
  if (!embedded) return;
  const closing = embedded;
  embedded = undefined;
  await closing.stop();
}

try {
  await applyMigrations(process.env.DATABASE_URL!);
  // Imported only now: the database client reads DATABASE_URL when it is first loaded.
  const { bootstrapFirstAdmin } = await import("@/server/services/staff/bootstrap-first-admin");
  const { disconnectDb } = await import("@/server/db");
  const admin = await bootstrapFirstAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  await disconnectDb();
  if (admin) announceFirstAdmin(admin);
  if (!dev) await buildIfNeeded();
} catch (error) {
  console.error(`[guardline] Start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopEmbedded();
  process.exit(1);
}

const workers = dev ? 1 : env.webConcurrency;
const poolSize = await fitPoolToConnectionLimit({
  databaseUrl: process.env.DATABASE_URL!,
  processes: workers,
  poolSize: env.DATABASE_POOL_SIZE,
  warn: (message) => say(message),
});

cluster.setupPrimary(
  dev
    ? { exec: path.join(PROJECT_ROOT, "src/bin/serve.ts"), execArgv: ["--import", "tsx"], args: ["--dev"] }
    : { exec: SERVER_BUNDLE, execArgv: ["--enable-source-maps"] },
);
const workerEnv = {
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? env.publicUrl,
  DATABASE_POOL_SIZE: String(poolSize),
  GUARDLINE_PROJECT_DIR: PROJECT_ROOT,
};

let stopping = false;
let readyCount = 0;
const crashes: number[] = [];

function fork(index: number): Worker {
  const worker = cluster.fork({ ...workerEnv, GUARDLINE_WORKER_INDEX: String(index) });
  worker.on("message", (message: { type?: string }) => {
    if (message?.type !== "ready") return;
    readyCount++;
    if (readyCount === workers) {
      say(`Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${workers} server process${workers > 1 ? "es" : ""}): console ${env.publicUrl}/console, APIs at ${env.serviceBaseUrl}`);
    }
  });
  worker.on("exit", (code, signal) => {
    if (stopping) return;
    // A crashed server process is replaced; one that keeps crashing stops the product.
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && crashes[0]! < now - 60_000) crashes.shift();
    if (crashes.length > 5) {
      say(`Server processes keep exiting (${signal ?? `code ${code}`}); stopping.`);
      void stopAll(1);
      return;
    }
    say(`Server process ${index} exited unexpectedly (${signal ?? `code ${code}`}); starting a new one.`);
    fork(index);
  });
  return worker;
}

for (let index = 0; index < workers; index++) fork(index);

async function stopAll(exitCode: number): Promise<void> {
  stopping = true;
  const alive = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker && !worker.isDead()));
  for (const worker of alive) worker.process.kill("SIGTERM");
  // Each server process exits by SHUTDOWN_TIMEOUT_SECONDS on its own; this is the backstop.
  const backstop = setTimeout(() => {
    for (const worker of alive) if (!worker.isDead()) worker.process.kill("SIGKILL");
  }, (env.SHUTDOWN_TIMEOUT_SECONDS + 5) * 1000);
  await Promise.all(alive.map((worker) => (worker.isDead() ? Promise.resolve() : new Promise((resolve) => worker.once("exit", resolve)))));
  clearTimeout(backstop);
  await stopEmbedded();
  process.exit(exitCode);
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  say(`${signal}: stopping the server processes, then the database…`);
  void stopAll(0);
}
process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));

/**
 * The generated first password is shown once. On a terminal it is printed; when the output goes
 * to a log it is written to a file only its owner can read (removed at the administrator's first
 * sign-in), and the log says where.
 */
function announceFirstAdmin(admin: { email: string; password: string; generated: boolean }): void {
  const line = "=".repeat(72);
  let passwordLine = "(the ADMIN_PASSWORD you set)";
  if (admin.generated) {
    if (process.stdout.isTTY) {
      passwordLine = admin.password;
    } else {
      const file = firstAdminPasswordFile(dataDir);
      fs.writeFileSync(file, `${admin.password}\n`, { mode: 0o600 });
      passwordLine = `in ${file} (readable by you only; deleted at the first sign-in)`;
    }
  }
  console.log(`\n${line}\n  First administrator created. Sign in at ${env.publicUrl}/login with:\n`);
  console.log(`    e-mail:   ${admin.email}`);
  console.log(`    password: ${passwordLine}`);
  console.log(`\n  ${admin.generated ? "This password is shown once. Change it under Account after signing in." : ""}\n${line}\n`);
}

/** Builds when .next is missing or any source is newer than the last build. */
async function buildIfNeeded(): Promise<void> {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) && fs.existsSync(SERVER_BUNDLE) ? fs.statSync(buildId).mtimeMs : 0;
  const inputs = ["src", "public", "prisma/schema.prisma", "next.config.mjs", "package.json", "tsconfig.json"];
  const newest = Math.max(...inputs.map((input) => newestMtime(path.join(PROJECT_ROOT, input))));
  if (builtAt >= newest) return;
  say(builtAt === 0 ? "Building the app (first start; about a minute)…" : "Sources changed since the last build; rebuilding…");
  const t0 = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const build = spawn(process.execPath, [path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: "inherit",
    });
    build.on("close", resolve);
  });
  if (code !== 0) throw new Error("next build failed (see above)");
  await buildServerBundle();
  say(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name.endsWith(".test.ts") || entry.name === "test-vectors") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}
