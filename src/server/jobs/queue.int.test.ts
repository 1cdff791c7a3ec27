/**
 * The three ways to run queued jobs share one code path (runJob); each of them really drains the
 * queue: in-process workers, the worker route's bounded drain, and the `npm run worker` process.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "@/server/runtime/project-root";

import { verifyAuditChainJob } from "./definitions/verify-audit-chain";
import { drainQueues, getBoss, startWorkers, stopJobs } from "./queue";

const NAME = verifyAuditChainJob.name;

async function enqueue(): Promise<string> {
  const boss = await getBoss();
  const id = await boss.send(NAME, {});
  if (!id) throw new Error("job was not queued");
  return id;
}

async function waitForState(id: string, state: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await (await getBoss()).getJobById(NAME, id);
    if (job?.state === state) return;
    if (Date.now() > deadline) throw new Error(`job ${id} is ${job?.state ?? "missing"}, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterEach(async () => {
  await stopJobs(5000);
});

describe("job runners", () => {
  it("in-process workers pick up a queued job", async () => {
    const id = await enqueue();
    await startWorkers();
    await waitForState(id, "completed");
  });

  it("the worker route's drain runs a bounded batch and reports it", async () => {
    const ids = [await enqueue(), await enqueue(), await enqueue()];
    const first = await drainQueues(2);
    expect(first).toMatchObject({ processed: 2, failed: 0, byQueue: { [NAME]: 2 } });
    const second = await drainQueues(10);
    expect(second.processed).toBeGreaterThanOrEqual(1);
    for (const id of ids) await waitForState(id, "completed", 1000);
  });

  it("npm run worker drains the queue and stops cleanly on SIGTERM", async () => {
    const id = await enqueue();
    const worker = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/bin/worker.ts")], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    worker.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on("exit", resolve));
    try {
      await waitForState(id, "completed", 30_000);
    } finally {
      worker.kill("SIGTERM");
    }
    expect(await exited, stderr).toBe(0);
  }, 60_000);
});
