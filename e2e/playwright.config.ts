/**
 * End-to-end tests: the built app, started by the launcher (`src/bin/start.ts`) on a fresh data
 * folder; HTTP tests in api/, browser tests (Debian's Chromium) in console/.
 * - E2E_DATABASE_URL set: the app runs against that PostgreSQL database (the test runner creates
 *   and drops it); otherwise on the embedded PostgreSQL in the data folder.
 * - The data folder is wiped before the server starts, so every run begins with a first start.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "@playwright/test";

import { E2E } from "./e2e-settings";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  testDir: ".",
  // Per port: Playwright empties this folder when a run starts, so runs of several checkouts at once
  // (each on its own E2E_PORT) must not share it.
  outputDir: path.join(os.tmpdir(), `guardline-e2e-results-${E2E.port}`),
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT ?? path.join(os.tmpdir(), "guardline-e2e-report.json") }]],
  use: {
    baseURL: E2E.baseUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Matched against absolute paths: anchored on "e2e/", so a checkout in a folder named "console"
  // or "api" does not run every spec in both projects.
  projects: [
    { name: "api", testMatch: /e2e\/api\/.*\.spec\.ts$/ },
    { name: "console", testMatch: /e2e\/console\/.*\.spec\.ts$/, use: { browserName: "chromium", viewport: { width: 1400, height: 900 } } },
    // Load and shutdown under load: last and alone, so they neither starve nor are starved by the others.
    { name: "load", testMatch: /e2e\/load\/.*\.spec\.ts$/, dependencies: ["api", "console"] },
  ],
  webServer: [
    {
      // The push provider simulators the server delivers to, strict: tests register the keys,
      // service accounts and clients they configure (e2e/push-simulators.ts).
      command: `node --import tsx src/cli/simulators/index.ts --strict --apns-port ${E2E.port + 101} --fcm-port ${E2E.port + 102} --hms-port ${E2E.port + 103}`,
      cwd: root,
      url: `${E2E.simulators.apns}/__simulator/stats`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `bash -c 'rm -rf "$DATA_DIR" && exec node --import tsx src/bin/start.ts'`,
      cwd: root,
      url: `${E2E.baseUrl}/push/service/status`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
      stderr: "pipe",
      env: {
        DATA_DIR: E2E.dataDir,
        PORT: String(E2E.port),
        ADMIN_EMAIL: E2E.adminEmail,
        ADMIN_PASSWORD: E2E.adminPassword,
        LOG_LEVEL: "warn",
        // Every browser test signs in from 127.0.0.1: the per-address throttle and slow-down would
        // pace the whole suite. They are tested in the database tier.
        LOGIN_ADDRESS_LIMIT: "1000",
        LOGIN_SLOWDOWN_AFTER: "100",
        PUSH_APNS_DEVELOPMENT_URL: E2E.simulators.apns,
        PUSH_APNS_PRODUCTION_URL: E2E.simulators.apns,
        PUSH_FCM_URL: E2E.simulators.fcm,
        PUSH_FCM_TOKEN_URL: `${E2E.simulators.fcm}/token`,
        PUSH_HMS_URL: E2E.simulators.hms,
        PUSH_HMS_TOKEN_URL: `${E2E.simulators.hms}/oauth2/v3/token`,
        ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      },
    },
  ],
});
