import os from "node:os";
import path from "node:path";

/** Shared by the config, the fixtures and the tests (workers load the config again, so no randomness here). */
const port = Number(process.env.E2E_PORT ?? 3310);

export const E2E = {
  port,
  baseUrl: `http://127.0.0.1:${port}`,
  dataDir: process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `guardline-e2e-${port}`),
  databaseUrl: process.env.E2E_DATABASE_URL,
  adminEmail: "admin@bank.test",
  adminPassword: "E2E-admin-Passw0rd!",
  /** The provider simulators the test server sends push to (`npm run simulators`, started beside it). */
  simulators: { apns: `http://127.0.0.1:${port + 101}`, fcm: `http://127.0.0.1:${port + 102}`, hms: `http://127.0.0.1:${port + 103}` },
};
