/**
 * Applies the committed migrations with `prisma migrate deploy` (the WASM engine, no native
 * binaries). The preload lets the CLI exit as soon as it is done (see src/bin/prisma-quick-exit.cjs).
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { PROJECT_ROOT } from "./project-root";

export async function applyMigrations(databaseUrl: string): Promise<void> {
  const args = [
    "-r",
    path.join(PROJECT_ROOT, "src/bin/prisma-quick-exit.cjs"),
    path.join(PROJECT_ROOT, "node_modules/prisma/build/index.js"),
    "migrate",
    "deploy",
    "--config",
    path.join(PROJECT_ROOT, ".config/prisma.ts"),
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`Database migration failed:\n${output.join("")}`);
}
