/**
 * `npm start` (and `npm run dev` with --dev): everything a fresh clone needs to run.
 *
 * 1. Secrets the server needs are taken from the environment or generated into the data folder.
 * 2. The environment is validated; a bad value stops here with a message naming it.
 * 3. Without DATABASE_URL, the embedded PostgreSQL server is started on the cluster in the data
 *    folder (initialised on the first start), on 127.0.0.1 with a generated password.
 * 4. Migrations are applied; on the very first start the first administrator is created and its
 *    password printed once.
 * 5. The app is built when the build is missing or older than the sources.
 * 6. The server runs as a child process; signals are forwarded, and the embedded database is
 *    closed only after the server has stopped.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { EnvError, getEnv } from "@/env";
import { applyMigrations } from "@/server/runtime/apply-migrations";
import { applyDataSecrets } from "@/server/runtime/data-secrets";
import { clusterDirOf, type EmbeddedDatabase, openEmbeddedDatabase } from "@/server/runtime/embedded-database";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

const dev = process.argv.includes("--dev");
const startedAt = Date.now();
const say = (message: string) => console.log(`[guardline] ${message}`);

process.env.NEXT_TELEMETRY_DISABLED = "1";
// Next.js types NODE_ENV as read-only; the launcher is where it is decided.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
const dataDir = path.resolve(PROJECT_ROOT, process.env.DATA_DIR || ".data");
process.env.DATA_DIR = dataDir;

const fromDataFolder = applyDataSecrets(dataDir);
let env;
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
  if (admin) {
    const line = "=".repeat(72);
    console.log(`\n${line}\n  First administrator created. Sign in at ${env.publicUrl}/login with:\n`);
    console.log(`    e-mail:   ${admin.email}`);
    console.log(`    password: ${admin.generated ? admin.password : "(the ADMIN_PASSWORD you set)"}`);
    console.log(`\n  ${admin.generated ? "This password is shown once. Change it under Account after signing in." : ""}\n${line}\n`);
  }
  if (!dev) await buildIfNeeded();
} catch (error) {
  console.error(`[guardline] Start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopEmbedded();
  process.exit(1);
}

const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/bin/serve.ts"), ...(dev ? ["--dev"] : [])], {
  cwd: PROJECT_ROOT,
  env: { ...process.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? env.publicUrl },
  stdio: ["inherit", "inherit", "inherit", "ipc"],
});
child.on("message", (message: { type?: string }) => {
  if (message?.type === "ready") {
    say(`Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: console ${env.publicUrl}/console, APIs at ${env.serviceBaseUrl}`);
  }
});

let stopping = false;
function forward(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping the server, then the database…`);
  child.kill("SIGTERM");
}
process.on("SIGINT", () => forward("SIGINT"));
process.on("SIGTERM", () => forward("SIGTERM"));

child.on("exit", async (code, signal) => {
  await stopEmbedded();
  if (!stopping) say(`The server exited unexpectedly (${signal ?? `code ${code}`}).`);
  process.exit(stopping ? 0 : code ?? 1);
});

/** Builds when .next is missing or any source is newer than the last build. */
async function buildIfNeeded(): Promise<void> {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
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
