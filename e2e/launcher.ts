/**
 * Starts the launcher (`src/bin/start.ts`, what `npm start` runs) as a process of its own, for the
 * tests that need a server beside the main test server: its own port, data folder and environment.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "@playwright/test";

export const root = fileURLToPath(new URL("..", import.meta.url));

export function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bin/start.ts"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", DATABASE_URL: "", ADMIN_PASSWORD: "", ADMIN_EMAIL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = async () => {
    await expect.poll(() => output, { timeout: 120_000, intervals: [250] }).toMatch(/Ready in [\d.]+ s/);
  };
  return { child, exited, ready, output: () => output };
}

export function postmasterRunning(dataDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
