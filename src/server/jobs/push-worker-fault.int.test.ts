/**
 * The fault test of issue 10 §5: 10,000 deliveries of one message queued for the APNs simulator,
 * worked by `npm run worker` processes (src/bin/worker.ts) that are stopped under them, once
 * gracefully (SIGTERM: in-flight deliveries finish or go back) and once killed (SIGKILL mid-way:
 * their jobs come back after the heartbeat, their deliveries after the lease). The simulator
 * counts deliveries by device token and apns-id: every device receives the message exactly once.
 * An attempt the dead worker sent but never recorded is sent again with the same apns-id, which
 * APNs treats as the same notification (counted as a duplicate submission, not a delivery).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, expect, it } from "vitest";

import { startApnsSimulator, type ApnsSimulator } from "@/cli/simulators/apns-simulator";
import { db } from "@/server/db";
import { makeApplication, testActor, uniqueId } from "@/server/testing/factories";
import { sampleApnsRequest } from "@/server/testing/push-credential-samples";
import { makeBulkPushDevices } from "@/server/testing/push-factories";

import { sendPushBroadcast } from "../services/push/send-push-broadcast";
import { setPushCredential } from "../services/push/set-push-credential";
import { stopJobs } from "./queue";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const DEVICES = 10_000;

let apns: ApnsSimulator;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  apns = await startApnsSimulator({ host: "127.0.0.1", keepPayloads: false });
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
  await stopJobs(5000);
  await apns.stop();
});

function startWorker(): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bin/worker.ts"], {
    cwd: root,
    env: { ...process.env, PUSH_APNS_DEVELOPMENT_URL: apns.url, PUSH_APNS_PRODUCTION_URL: apns.url, LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "6" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  workers.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (message: { type?: string }) => message.type === "ready" && resolve());
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, ready, exited };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it(
  "10,000 deliveries survive a SIGTERM and a SIGKILL of their worker: every device gets the message once",
  async () => {
    const app = await makeApplication();
    const request = sampleApnsRequest();
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...request } });
    apns.trustKey({ teamId: request.teamId, keyId: request.keyId, privateKeyPem: Buffer.from(request.privateKeyBase64, "base64").toString() });
    const user = uniqueId("fault");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: DEVICES });
    // Slow the simulator down a little, so the stops land mid-way.
    apns.setDefault({ delayMs: 20 });
    const { messageId } = await sendPushBroadcast({ actor: testActor, applicationId: app.id, origin: "console", message: { priority: "HIGH", silent: false, personal: false, body: { title: "Fault test" } } });

    // 1. A graceful stop: SIGTERM lets running deliveries finish and record; the worker exits 0.
    const first = startWorker();
    await first.ready;
    await waitFor(() => apns.stats().delivered >= 1500, 120_000, "the first worker to deliver 1,500");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(await db.pushDelivery.count({ where: { messageId, status: "SENDING" } })).toBe(0);

    // 2. A crash: SIGKILL mid-way, with deliveries in flight.
    const second = startWorker();
    await second.ready;
    const deliveredBefore = apns.stats().delivered;
    await waitFor(() => apns.stats().delivered >= deliveredBefore + 2500, 120_000, "the second worker to deliver 2,500 more");
    second.child.kill("SIGKILL");
    await second.exited;
    const stranded = await db.pushDelivery.count({ where: { messageId, status: "SENDING" } });

    // 3. A new worker finishes the work: the dead one's jobs come back after their heartbeat, its
    //    deliveries after their lease.
    apns.setDefault(null);
    const third = startWorker();
    await third.ready;
    await waitFor(async () => (await db.pushDelivery.count({ where: { messageId, status: "SENT" } })) === DEVICES, 240_000, "every delivery to be SENT");
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);

    const stats = apns.stats();
    expect(stats.delivered).toBe(DEVICES);
    for (let n = 1; n <= DEVICES; n++) {
      const count = apns.countFor(tokenOf(`${user}-${n}`));
      if (count !== 1) throw new Error(`device ${n} received the message ${count} times`);
    }
    expect(await db.pushMessage.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ deviceCount: DEVICES });
    console.info(`fault test: ${stranded} deliveries stranded by SIGKILL, ${stats.duplicates} re-sent with their apns-id (not delivered twice), ${stats.requests} requests in all`);
  },
  10 * 60_000,
);

/** The bulk factory's token for a user (push-factories.ts). */
const tokenOf = (userId: string) => crypto.createHash("sha256").update(userId).digest("hex");
