/**
 * `npm test`: every test tier, in order, then one summary line "N passed, M failed".
 *
 *   1. unit tests (vitest, project "unit")
 *   2. database tests on a throwaway embedded PostgreSQL cluster (vitest, project "db")
 *   3. build, then end-to-end tests on the embedded PostgreSQL the launcher starts: HTTP (api) and
 *      browser (console) (Playwright)
 *   4. when a PostgreSQL server is reachable at TEST_POSTGRES_URL (default 127.0.0.1:5432):
 *      database tests and end-to-end tests again, each on a database created and dropped here.
 *      REQUIRE_POSTGRES=1 (CI) makes an unreachable server a failure instead of a skip.
 *
 * Options: --only unit,db,e2e (a subset), --postgres-only (CI's second pass), --no-build.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { createPostgresTestDatabase, DEFAULT_POSTGRES_URL } from "@/server/testing/db-global-setup";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

import { buildServerBundle } from "./build-server";

interface Tally {
  phase: string;
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}

const args = process.argv.slice(2);
const only = args.includes("--only") ? new Set(args[args.indexOf("--only") + 1]?.split(",")) : null;
const wants = (tier: string) => !only || only.has(tier);
const postgresUrl = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
const requirePostgres = process.env.REQUIRE_POSTGRES === "1";
const tallies: Tally[] = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-test-"));

function run(command: string, commandArgs: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("close", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

const bin = (name: string) => path.join(PROJECT_ROOT, "node_modules", ".bin", name);

function banner(text: string): void {
  console.log(`\n${"━".repeat(80)}\n▶ ${text}\n${"━".repeat(80)}`);
}

async function vitest(phase: string, project: "unit" | "db", env: Record<string, string | undefined> = {}): Promise<void> {
  banner(phase);
  const report = path.join(reportDir, `${phase.replace(/\W+/g, "-")}.json`);
  const code = await run(
    bin("vitest"),
    ["run", "--config", ".config/vitest.config.ts", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    env,
  );
  tallies.push(readVitest(phase, report, code));
}

function readVitest(phase: string, report: string, code: number): Tally {
  try {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    const failedSuites = (json.testResults ?? []).filter((r: { status: string; assertionResults: unknown[] }) => r.status === "failed" && r.assertionResults.length === 0).length;
    return { phase, passed: json.numPassedTests, failed: json.numFailedTests + failedSuites, skipped: json.numPendingTests + json.numTodoTests };
  } catch {
    return { phase, passed: 0, failed: 1, skipped: 0, note: `no report (exit code ${code})` };
  }
}

async function playwright(phase: string, env: Record<string, string | undefined>): Promise<void> {
  banner(phase);
  const report = path.join(reportDir, `${phase.replace(/\W+/g, "-")}.json`);
  const code = await run(bin("playwright"), ["test", "-c", "e2e"], { ...env, E2E_JSON_REPORT: report });
  try {
    const { stats } = JSON.parse(fs.readFileSync(report, "utf8"));
    tallies.push({ phase, passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
    if (code !== 0 && stats.unexpected === 0) tallies.push({ phase: `${phase} (run)`, passed: 0, failed: 1, skipped: 0, note: `exit code ${code}` });
  } catch {
    tallies.push({ phase, passed: 0, failed: 1, skipped: 0, note: `no report (exit code ${code})` });
  }
}

async function build(): Promise<boolean> {
  if (args.includes("--no-build")) return true;
  banner("build (next build)");
  const code = await run(process.execPath, [path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next"), "build"], {
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  });
  if (code !== 0) {
    tallies.push({ phase: "build", passed: 0, failed: 1, skipped: 0, note: "next build failed" });
    return false;
  }
  await buildServerBundle();
  return true;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresOnly = args.includes("--postgres-only");

if (!postgresOnly) {
  if (wants("unit")) await vitest("unit", "unit");
  if (wants("db")) await vitest("database (embedded)", "db", { TEST_DB: "embedded" });
}
const built = wants("e2e") ? await build() : false;
if (!postgresOnly && wants("e2e") && built) await playwright("end-to-end (embedded)", {});

if (wants("db") || wants("e2e")) {
  if (await postgresReachable()) {
    if (wants("db")) await vitest("database (PostgreSQL)", "db", { TEST_DB: "postgres", TEST_POSTGRES_URL: postgresUrl });
    if (wants("e2e") && built) {
      const database = await createPostgresTestDatabase(postgresUrl);
      try {
        await playwright("end-to-end (PostgreSQL)", { E2E_DATABASE_URL: database.url });
      } finally {
        await database.drop();
      }
    }
  } else if (requirePostgres) {
    tallies.push({ phase: "PostgreSQL", passed: 0, failed: 1, skipped: 0, note: `no PostgreSQL server at ${postgresUrl}` });
  } else {
    tallies.push({ phase: "PostgreSQL tiers", passed: 0, failed: 0, skipped: 0, note: `skipped: no PostgreSQL server at ${postgresUrl}` });
  }
}

fs.rmSync(reportDir, { recursive: true, force: true });
const total = tallies.reduce((sum, t) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log(`\n${"━".repeat(80)}\nSummary`);
for (const t of tallies) {
  console.log(`  ${t.phase.padEnd(28)} ${String(t.passed).padStart(5)} passed  ${String(t.failed).padStart(3)} failed  ${String(t.skipped).padStart(3)} skipped${t.note ? `  (${t.note})` : ""}`);
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
