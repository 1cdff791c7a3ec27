/**
 * `npm run bench:push` (issue 10 §6): push deliveries per second to the local APNs simulator with
 * 100,000 devices, next to a bare `node:http2` client pushing the same payloads over the same
 * number of connections (one), plus the time to fan one message out to 100,000 users.
 *
 * - A fresh database (PostgreSQL server when reachable, else a throwaway embedded cluster),
 *   migrated, with one application, its APNs credential and --devices users with a device each.
 * - The APNs simulator runs in a process of its own (HTTP/2 h2c, provider tokens checked, every
 *   delivery counted by token and apns-id, no payloads kept).
 * - Bare: one HTTP/2 session, --streams requests in flight, the same headers and payload the
 *   product sends, a provider token signed once. Nothing recorded anywhere.
 * - Product: one `npm run worker` process (src/bin/worker.ts) and a broadcast message: the fan-out
 *   job turns it into deliveries and delivery jobs, the delivery jobs send and record every
 *   attempt. Measured from the send until every delivery is SENT in the database; the fan-out
 *   time is from the send until the message is fanned out (deliveries start meanwhile).
 *
 * Options: --devices N (100000) --streams N (1000) --rounds N (1: bare, product) --database-url
 * URL --embedded. Everything shares the machine's cores: compare the two rows of one run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http2 from "node:http2";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { applyMigrations } from "@/server/runtime/apply-migrations";
import { PROJECT_ROOT } from "@/server/runtime/project-root";

import { openBenchDatabase } from "./bench-database";

const { values } = parseArgs({
  options: {
    devices: { type: "string", default: "100000" },
    streams: { type: "string", default: "1000" },
    rounds: { type: "string", default: "1" },
    "database-url": { type: "string" },
    embedded: { type: "boolean", default: false },
  },
});
const DEVICES = Number(values.devices);
const STREAMS = Number(values.streams);
const ROUNDS = Number(values.rounds);

const secrets = {
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  SECRETS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  API_SECRET_PEPPER: crypto.randomBytes(32).toString("base64"),
  AUDIT_CHAIN_KEY: crypto.randomBytes(32).toString("base64"),
};

const children: ChildProcess[] = [];

function startChild(args: string[], env: Record<string, string>, label: string): Promise<{ child: ChildProcess; message: Record<string, unknown> }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("message", (message: Record<string, unknown>) => resolve({ child, message }));
    child.once("exit", (code) => reject(new Error(`${label} exited (${code}) before it was ready`)));
  });
}

async function simulatorStats(url: string): Promise<{ delivered: number; duplicates: number; requests: number; refused: number }> {
  return (await (await fetch(`${url}/__simulator/stats`)).json()) as { delivered: number; duplicates: number; requests: number; refused: number };
}

/** The same request the product makes, with a provider token signed once. */
function bareRequest(settings: { topic: string; keyId: string; teamId: string }, pem: string) {
  const key = crypto.createPrivateKey(pem);
  const header = Buffer.from(JSON.stringify({ alg: "ES256", kid: settings.keyId })).toString("base64url");
  const claims = Buffer.from(JSON.stringify({ iss: settings.teamId, iat: Math.floor(Date.now() / 1000) })).toString("base64url");
  const signature = crypto.sign("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }).toString("base64url");
  const payload = JSON.stringify({ aps: { alert: { title: "Benchmark", body: "One message to every device" }, sound: "default" } });
  return { jwt: `${header}.${claims}.${signature}`, payload, topic: settings.topic };
}

/** A bare client: one session, STREAMS in flight, every token once. */
async function bareClient(url: string, tokens: string[], request: ReturnType<typeof bareRequest>): Promise<number> {
  const session = http2.connect(url);
  await new Promise<void>((resolve, reject) => session.once("connect", () => resolve()).once("error", reject));
  let next = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  const lane = async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      await new Promise<void>((resolve) => {
        const stream = session.request({
          ":method": "POST",
          ":path": `/3/device/${token}`,
          authorization: `bearer ${request.jwt}`,
          "apns-topic": request.topic,
          "apns-push-type": "alert",
          "apns-priority": "10",
          "apns-id": crypto.randomUUID(),
          "content-type": "application/json",
        });
        stream.on("response", (headers) => {
          if (headers[":status"] !== 200) failed++;
        });
        stream.on("data", () => undefined);
        stream.on("end", () => resolve());
        stream.on("error", () => {
          failed++;
          resolve();
        });
        stream.end(request.payload);
      });
    }
  };
  await Promise.all(Array.from({ length: STREAMS }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  session.close();
  if (failed > 0) throw new Error(`the bare client saw ${failed} failed requests`);
  return tokens.length / seconds;
}

async function main() {
  const database = await openBenchDatabase({ databaseUrl: values["database-url"], embedded: values.embedded });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-bench-push-"));
  try {
    Object.assign(process.env, secrets, { DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "4" });
    await applyMigrations(database.url);
    console.log(`database: ${database.label}; ${DEVICES.toLocaleString("en")} devices; ${STREAMS} streams on one HTTP/2 connection; ${os.availableParallelism()} cores`);

    const { message } = await startChild(["src/bin/bench/apns-simulator-process.ts"], {}, "the APNs simulator");
    const simulatorUrl = String(message.url);

    // Seeding through the product's own services (imported now: they read the environment set above).
    const { makeApplication, testActor, uniqueId } = await import("@/server/testing/factories");
    const { sampleApnsRequest } = await import("@/server/testing/push-credential-samples");
    const { makeBulkPushDevices } = await import("@/server/testing/push-factories");
    const { setPushCredential } = await import("@/server/services/push/set-push-credential");
    const { sendPushBroadcast } = await import("@/server/services/push/send-push-broadcast");
    const { db } = await import("@/server/db");

    const app = await makeApplication();
    const apnsRequest = sampleApnsRequest();
    const pem = Buffer.from(apnsRequest.privateKeyBase64, "base64").toString();
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...apnsRequest } });
    await fetch(`${simulatorUrl}/__simulator/keys`, { method: "POST", body: JSON.stringify({ teamId: apnsRequest.teamId, keyId: apnsRequest.keyId, privateKeyPem: pem }) });
    const seedStarted = Date.now();
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: uniqueId("bench"), count: DEVICES });
    const tokens = (await db.pushDevice.findMany({ where: { applicationId: app.id }, select: { token: true } })).map((row) => row.token);
    console.log(`seeded ${tokens.length.toLocaleString("en")} users and devices in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    const { child: worker } = await startChild(["src/bin/worker.ts"], { PUSH_APNS_DEVELOPMENT_URL: simulatorUrl, PUSH_APNS_PRODUCTION_URL: simulatorUrl, DATABASE_POOL_SIZE: "8", PUSH_TIMING: "1" }, "the worker");

    const bare: number[] = [];
    const product: number[] = [];
    const fanOut: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await fetch(`${simulatorUrl}/__simulator/reset`, { method: "POST", body: "{}" });
      bare.push(await bareClient(simulatorUrl, tokens, bareRequest(apnsRequest, pem)));
      await fetch(`${simulatorUrl}/__simulator/reset`, { method: "POST", body: "{}" });

      const started = Date.now();
      const { messageId } = await sendPushBroadcast({ actor: testActor, applicationId: app.id, origin: "console", message: { priority: "HIGH", silent: false, personal: false, body: { title: "Benchmark", body: "One message to every device" } } });
      // Watching costs the database as little as possible: the simulator's counter (another
      // process) until every device has the message, then the database until every delivery is
      // recorded SENT.
      let fannedOutAt: number | null = null;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (fannedOutAt === null) {
          const row = await db.pushMessage.findUniqueOrThrow({ where: { id: messageId }, select: { fannedOutAt: true } });
          if (row.fannedOutAt) fannedOutAt = Date.now();
        }
        if ((await simulatorStats(simulatorUrl)).delivered >= DEVICES) break;
        if (Date.now() - started > 15 * 60_000) throw new Error(`not delivered after 15 minutes`);
      }
      while ((await db.pushDelivery.count({ where: { messageId, status: "SENT" } })) < DEVICES) await new Promise((resolve) => setTimeout(resolve, 50));
      const seconds = (Date.now() - started) / 1000;
      product.push(DEVICES / seconds);
      fanOut.push(((fannedOutAt ?? Date.now()) - started) / 1000);
      const stats = await simulatorStats(simulatorUrl);
      if (stats.delivered !== DEVICES) throw new Error(`the simulator counted ${stats.delivered} deliveries, expected ${DEVICES}`);
      console.log(`round ${round}: bare ${bare.at(-1)!.toFixed(0)}/s, product ${product.at(-1)!.toFixed(0)}/s (${seconds.toFixed(1)} s), fan-out ${fanOut.at(-1)!.toFixed(1)} s, duplicates ${stats.duplicates}`);
    }
    worker.kill("SIGTERM");

    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    const rows = [
      ["bare node:http2 client (1 connection)", `${median(bare).toFixed(0)} deliveries/s`, ""],
      ["Guardline: queue → worker → APNs, every attempt recorded", `${median(product).toFixed(0)} deliveries/s`, `ratio ${(median(product) / median(bare)).toFixed(2)} (goal ≥ 0.5, and ≥ 5,000/s)`],
      [`fan-out of one message to ${DEVICES.toLocaleString("en")} users`, `${median(fanOut).toFixed(1)} s`, ""],
    ];
    const width = Math.max(...rows.map((row) => row[0]!.length));
    for (const [name, value, note] of rows) console.log(`${name!.padEnd(width)}  ${value!.padStart(20)}  ${note}`);
    const { disconnectDb } = await import("@/server/db");
    const { stopJobs } = await import("@/server/jobs/queue");
    await stopJobs(5000);
    await disconnectDb();
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await database.drop().catch((error: unknown) => console.error("dropping the benchmark database:", error));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
