/**
 * The push pipeline on a real database, delivering to the local APNs, FCM and HMS simulators over
 * their real protocols: each outcome class (sent, retired token, retried transient error, our own
 * credential refused, no credentials), the multi-activation token, registration BLOCK / REMOVE
 * changing delivery, personal vs non-personal, SYNCHRONOUS counts, fan-out and delivery jobs run
 * twice (nothing sent twice), and the send endpoints' rules. Jobs run through `drainQueues`, the
 * worker route's code path.
 */
import crypto from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startApnsSimulator, type ApnsSimulator } from "@/cli/simulators/apns-simulator";
import { startFcmSimulator, type FcmSimulator } from "@/cli/simulators/fcm-simulator";
import { startHmsSimulator, type HmsSimulator } from "@/cli/simulators/hms-simulator";
import { db, hotTransaction } from "@/server/db";
import { drainQueues, stopJobs } from "@/server/jobs/queue";
import { closeProviderClients } from "@/server/push/provider-clients";
import { makeActiveRegistration, makeApplication, makeCredential, makeTemplate, PAYMENT, testActor, uniqueId } from "@/server/testing/factories";
import { sampleApnsRequest, sampleFcmRequest, sampleHmsRequest } from "@/server/testing/push-credential-samples";
import { makeBulkPushDevices } from "@/server/testing/push-factories";

import type { Actor } from "../access/actor";
import { authenticateCredential } from "../credentials/authenticate-credential";
import { cancelOperation } from "../operations/cancel-operation";
import { createOperation } from "../operations/create-operation";
import { changeRegistrationStatus } from "../registrations/change-registration-status";
import { createPushDevices } from "./create-push-devices";
import { deliverPushBatch } from "./deliver-push-batch";
import { fanOutMessage } from "./fan-out-push-message";
import { fromCloudMessage, fromPushServerMessage } from "./push-message-rules";
import { sendPushBroadcast } from "./send-push-broadcast";
import { sendPushMessages } from "./send-push-messages";
import { sendTestPush } from "./send-test-push";
import { setPushCredential } from "./set-push-credential";

let apns: ApnsSimulator;
let fcm: FcmSimulator;
let hms: HmsSimulator;

beforeAll(async () => {
  apns = await startApnsSimulator({ host: "127.0.0.1" });
  fcm = await startFcmSimulator({ host: "127.0.0.1" });
  hms = await startHmsSimulator({ host: "127.0.0.1" });
  process.env.PUSH_APNS_DEVELOPMENT_URL = apns.url;
  process.env.PUSH_APNS_PRODUCTION_URL = apns.url;
  process.env.PUSH_FCM_URL = fcm.url;
  process.env.PUSH_FCM_TOKEN_URL = fcm.tokenUrl;
  process.env.PUSH_HMS_URL = hms.url;
  process.env.PUSH_HMS_TOKEN_URL = hms.tokenUrl;
});

afterAll(async () => {
  await closeProviderClients();
  await stopJobs(5000);
  await Promise.all([apns.stop(), fcm.stop(), hms.stop()]);
});

beforeEach(() => {
  apns.reset();
  fcm.reset();
  hms.reset();
});

async function appActor(applicationId: string): Promise<Actor> {
  const credential = await makeCredential("APPLICATION", applicationId);
  return authenticateCredential(credential.username, credential.password);
}

/** An application with APNs credentials whose key the simulator trusts. */
async function apnsApp(overrides: Parameters<typeof sampleApnsRequest>[0] = {}) {
  const app = await makeApplication();
  const request = sampleApnsRequest(overrides);
  await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...request } });
  apns.trustKey({ teamId: request.teamId, keyId: request.keyId, privateKeyPem: Buffer.from(request.privateKeyBase64, "base64").toString() });
  return { app, actor: await appActor(app.id) };
}

/** Runs due jobs until nothing of these messages is waiting for its first answer (or the timeout). */
async function drainUntilAnswered(messageIds: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await drainQueues(200);
    const open = await db.pushDelivery.count({ where: { messageId: { in: messageIds }, OR: [{ status: "SENDING" }, { status: "PENDING", attempts: 0 }] } });
    if (open === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const deliveriesOf = (messageId: string) =>
  db.pushDelivery.findMany({ where: { messageId }, orderBy: { createdAt: "asc" }, include: { attemptsLog: { orderBy: { id: "asc" } } } });

const APNS_TOKEN = (label: string) => crypto.createHash("sha256").update(label).digest("hex");

describe("sending to APNs", () => {
  it("delivers a personal message to the user's ACTIVE device with Apple's headers and payload, and records the attempt", async () => {
    const { app, actor } = await apnsApp();
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 1 });
    const token = APNS_TOKEN(`${user}-1`);
    const sent = await sendPushMessages({
      actor,
      appId: app.id,
      origin: "push-server",
      mode: "ASYNCHRONOUS",
      messages: [
        fromPushServerMessage({
          userId: `${user}-1`,
          priority: "HIGH",
          attributes: { personal: true, silent: false },
          body: { title: "Balance update", body: "Your balance is now $745.00", badge: 3, sound: "default", category: "balance-update", collapseKey: "balance-update", extras: { accountId: "42" } },
        }),
      ],
    });
    expect(sent.messages).toEqual([expect.objectContaining({ userId: `${user}-1`, devices: 1, status: "QUEUED" })]);
    await drainUntilAnswered([sent.messages[0]!.messageId]);

    const [delivery] = await deliveriesOf(sent.messages[0]!.messageId);
    expect(delivery).toMatchObject({ status: "SENT", outcome: "SENT", providerStatus: 200, attempts: 1 });
    expect(delivery!.attemptsLog).toEqual([expect.objectContaining({ attempt: 1, outcome: "SENT", providerStatus: 200 })]);
    const received = apns.deliveries().filter((d) => d.token === token);
    expect(received).toHaveLength(1);
    expect(received[0]!.apnsId.toLowerCase()).toBe(delivery!.id);
    expect(received[0]!.headers).toMatchObject({ "apns-topic": "com.example.bank", "apns-push-type": "alert", "apns-priority": "10", "apns-collapse-id": "balance-update" });
    expect(received[0]!.payload).toMatchObject({ aps: { alert: { title: "Balance update", body: "Your balance is now $745.00" }, badge: 3, sound: "default", category: "balance-update", "thread-id": "balance-update" }, accountId: "42" });
    const device = await db.pushDevice.findFirstOrThrow({ where: { applicationId: app.id, token } });
    expect(device.lastSuccessAt).not.toBeNull();
  });

  it("SYNCHRONOUS waits for the answers and counts per platform; a user without devices is NO_DEVICES", async () => {
    const { app, actor } = await apnsApp();
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 2 });
    const draining = (async () => {
      for (let i = 0; i < 100; i++) {
        await drainQueues(100);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const sent = await sendPushMessages({
      actor,
      appId: app.id,
      origin: "push-server",
      mode: "SYNCHRONOUS",
      messages: [
        fromPushServerMessage({ userId: `${user}-1`, body: { title: "One" } }),
        fromPushServerMessage({ userId: `${user}-2`, body: { title: "Two" } }),
        fromPushServerMessage({ userId: "nobody-here", body: { title: "Three" } }),
      ],
    });
    expect(sent.result).toEqual({ apns: { sent: 2, pending: 0, failed: 0, total: 2 }, fcm: { sent: 0, pending: 0, failed: 0, total: 0 }, hms: { sent: 0, pending: 0, failed: 0, total: 0 } });
    expect(sent.messages.map((m) => [m.userId, m.devices, m.status])).toEqual([
      [`${user}-1`, 1, "QUEUED"],
      [`${user}-2`, 1, "QUEUED"],
      ["nobody-here", 0, "NO_DEVICES"],
    ]);
    await draining;
  });

  it("a silent message is a background push with content-available and priority 5; validUntil becomes apns-expiration", async () => {
    const { app, actor } = await apnsApp();
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 1 });
    const validUntil = new Date(Date.now() + 3600_000);
    const sent = await sendPushMessages({
      actor,
      appId: app.id,
      origin: "push-server",
      mode: "ASYNCHRONOUS",
      messages: [fromPushServerMessage({ userId: `${user}-1`, priority: "NORMAL", attributes: { silent: true }, body: { validUntil: validUntil.toISOString(), extras: { messageType: "mtoken.operationInit" } } })],
    });
    await drainUntilAnswered([sent.messages[0]!.messageId]);
    const [received] = apns.deliveries().filter((d) => d.token === APNS_TOKEN(`${user}-1`));
    expect(received!.headers).toMatchObject({ "apns-push-type": "background", "apns-priority": "5", "apns-expiration": String(Math.floor(validUntil.getTime() / 1000)) });
    expect(received!.payload).toEqual({ aps: { "content-available": 1 }, messageType: "mtoken.operationInit" });
  });

  it("a dead token (410) retires every device row with that token and fails the delivery; the attempt says why", async () => {
    const { app, actor } = await apnsApp();
    const first = await makeActiveRegistration({ app });
    const second = await makeActiveRegistration({ app });
    const token = APNS_TOKEN(uniqueId("shared"));
    await createPushDevices({ actor, appId: app.id, activationIds: [first.registrationId, second.registrationId], binding: { platform: "APNS", token, environment: "development" } });
    apns.script(token, [{ status: 410, reason: "Unregistered" }]);

    const sent = await sendPushMessages({ actor, appId: app.id, origin: "cloud", mode: "ASYNCHRONOUS", messages: [fromCloudMessage({ userId: first.userId, title: "Hi", message: "There" })] });
    expect(sent.messages[0]!.devices).toBe(1);
    await drainUntilAnswered([sent.messages[0]!.messageId]);
    const [delivery] = await deliveriesOf(sent.messages[0]!.messageId);
    expect(delivery).toMatchObject({ status: "FAILED", outcome: "TOKEN_INVALID", providerStatus: 410, reason: expect.stringContaining("Unregistered") as string, deviceId: null });
    expect(await db.pushDevice.count({ where: { applicationId: app.id, token } })).toBe(0);
  });

  it("a 429 with Retry-After is retried after it, and the retry succeeds", async () => {
    const { app, actor } = await apnsApp();
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 1 });
    const token = APNS_TOKEN(`${user}-1`);
    apns.script(token, [{ status: 429, reason: "TooManyRequests", retryAfter: 1 }]);
    const sent = await sendPushMessages({ actor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: `${user}-1`, body: { title: "Retry me" } })] });
    const messageId = sent.messages[0]!.messageId;
    await drainUntilAnswered([messageId]);
    const [waiting] = await deliveriesOf(messageId);
    expect(waiting).toMatchObject({ status: "PENDING", outcome: "TRANSIENT", providerStatus: 429, attempts: 1 });
    expect(waiting!.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(waiting!.updatedAt.getTime() + 900);

    const deadline = Date.now() + 15_000;
    while ((await db.pushDelivery.findFirstOrThrow({ where: { messageId } })).status !== "SENT" && Date.now() < deadline) {
      await drainQueues(50);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [done] = await deliveriesOf(messageId);
    expect(done).toMatchObject({ status: "SENT", attempts: 2 });
    expect(done!.attemptsLog.map((a) => [a.outcome, a.providerStatus])).toEqual([
      ["TRANSIENT", 429],
      ["SENT", 200],
    ]);
    expect(apns.countFor(token)).toBe(1);
  });

  it("our own credential refused (403 InvalidProviderToken) marks the credential failing, keeps the device and retries later", async () => {
    const app = await makeApplication();
    // The simulator does not know this key: Apple answers 403 InvalidProviderToken.
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "APNS", ...sampleApnsRequest({ keyId: "ZZZ999ZZZZ" }) } });
    const actor = await appActor(app.id);
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 1 });
    const sent = await sendPushMessages({ actor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: `${user}-1`, body: { title: "Key?" } })] });
    await drainUntilAnswered([sent.messages[0]!.messageId]);
    const [delivery] = await deliveriesOf(sent.messages[0]!.messageId);
    expect(delivery).toMatchObject({ status: "PENDING", outcome: "CREDENTIAL", providerStatus: 403 });
    expect(delivery!.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(30_000);
    expect(await db.pushDevice.count({ where: { applicationId: app.id } })).toBe(1);
    const credential = await db.pushCredential.findUniqueOrThrow({ where: { applicationId_provider: { applicationId: app.id, provider: "APNS" } } });
    expect(credential).toMatchObject({ isFailing: true, lastError: expect.stringContaining("InvalidProviderToken") as string });
  });

  it("a device of a platform without credentials fails with the reason, and nothing is sent", async () => {
    const { app, actor } = await apnsApp();
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 1, platform: "FCM" });
    const sent = await sendPushMessages({ actor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: `${user}-1`, body: { title: "To FCM" } })] });
    await drainUntilAnswered([sent.messages[0]!.messageId]);
    const [delivery] = await deliveriesOf(sent.messages[0]!.messageId);
    expect(delivery).toMatchObject({ status: "FAILED", outcome: "NO_CREDENTIAL", reason: `No FCM credentials are configured for application ${app.id}` });
    expect(fcm.deliveries()).toHaveLength(0);
  });
});

describe("who gets a message", () => {
  it("two users on one phone: one token, a row each, each user's message to that user's registration only", async () => {
    const { app, actor } = await apnsApp();
    const first = await makeActiveRegistration({ app });
    const second = await makeActiveRegistration({ app });
    const token = APNS_TOKEN(uniqueId("phone"));
    await createPushDevices({ actor, appId: app.id, activationIds: [first.registrationId, second.registrationId], binding: { platform: "APNS", token, environment: "development" } });
    const sent = await sendPushMessages({
      actor,
      appId: app.id,
      origin: "push-server",
      mode: "ASYNCHRONOUS",
      messages: [fromPushServerMessage({ userId: first.userId, body: { title: "For the first" } }), fromPushServerMessage({ userId: second.userId, body: { title: "For the second" } })],
    });
    expect(sent.messages.map((m) => m.devices)).toEqual([1, 1]);
    await drainUntilAnswered(sent.messages.map((m) => m.messageId));
    const received = apns.deliveries().filter((d) => d.token === token);
    expect(received.map((d) => (d.payload.aps as { alert: { title: string } }).alert.title).sort()).toEqual(["For the first", "For the second"]);
    const rows = await db.pushDelivery.findMany({ where: { messageId: { in: sent.messages.map((m) => m.messageId) } }, select: { registrationId: true, userId: true } });
    expect(rows.map((r) => r.registrationId).sort()).toEqual([first.registrationId, second.registrationId].sort());
  });

  it("BLOCKED: no personal messages, non-personal ones still; REMOVED: no device at all; activationId narrows to one registration", async () => {
    const { app, actor } = await apnsApp();
    const registration = await makeActiveRegistration({ app });
    const other = await makeActiveRegistration({ app });
    await createPushDevices({ actor, appId: app.id, activationIds: [registration.registrationId], binding: { platform: "APNS", token: APNS_TOKEN(uniqueId("t")), environment: "development" } });
    const send = (message: Parameters<typeof fromPushServerMessage>[0]) => sendPushMessages({ actor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage(message)] });

    await changeRegistrationStatus({ actor: testActor, registrationId: registration.registrationId, change: "BLOCK" });
    expect((await send({ userId: registration.userId, attributes: { personal: true }, body: { title: "Personal" } })).messages[0]).toMatchObject({ devices: 0, status: "NO_DEVICES" });
    expect((await send({ userId: registration.userId, attributes: { personal: false }, body: { title: "Not personal" } })).messages[0]).toMatchObject({ devices: 1 });
    await expect(send({ userId: registration.userId, activationId: other.registrationId, body: { title: "Wrong user" } })).rejects.toMatchObject({ code: "ERROR_PUSH_MESSAGE" });

    await changeRegistrationStatus({ actor: testActor, registrationId: registration.registrationId, change: "UNBLOCK" });
    expect((await send({ userId: registration.userId, activationId: registration.registrationId, attributes: { personal: true }, body: { title: "Back" } })).messages[0]).toMatchObject({ devices: 1 });

    await changeRegistrationStatus({ actor: testActor, registrationId: registration.registrationId, change: "REMOVE" });
    expect((await send({ userId: registration.userId, attributes: { personal: false }, body: { title: "Gone" } })).messages[0]).toMatchObject({ devices: 0, status: "NO_DEVICES" });
  });

  it("refuses what cannot be sent: a visible message with nothing to show, a past validUntil, another application; a batch is all or nothing", async () => {
    const { app, actor } = await apnsApp();
    const other = await makeApplication();
    const before = await db.pushMessage.count({ where: { applicationId: app.id } });
    expect(() => fromCloudMessage({ userId: "u", title: "", message: "x" })).toThrow(/Title must not be blank/);
    await expect(sendPushMessages({ actor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: "u", body: {} })] })).rejects.toMatchObject({ code: "ERROR_PUSH_MESSAGE" });
    await expect(
      sendPushMessages({ actor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: "u", body: { title: "x", validUntil: new Date(Date.now() - 1000).toISOString() } })] }),
    ).rejects.toMatchObject({ code: "ERROR_PUSH_MESSAGE" });
    await expect(sendPushMessages({ actor, appId: other.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: "u", body: { title: "x" } })] })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    await expect(
      sendPushMessages({
        actor,
        appId: app.id,
        origin: "push-server",
        mode: "ASYNCHRONOUS",
        messages: [fromPushServerMessage({ userId: "u", body: { title: "fine" } }), fromPushServerMessage({ userId: "u", activationId: crypto.randomUUID(), body: { title: "unknown registration" } })],
      }),
    ).rejects.toMatchObject({ code: "ERROR_PUSH_MESSAGE" });
    expect(await db.pushMessage.count({ where: { applicationId: app.id } })).toBe(before);
  });
});

describe("FCM and HMS", () => {
  it("delivers to FCM (HTTP v1 with an OAuth token from the service account) and to HMS (client credentials), in their formats", async () => {
    const app = await makeApplication();
    const fcmRequest = sampleFcmRequest();
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "FCM", ...fcmRequest } });
    fcm.trustAccount({ serviceAccountJson: Buffer.from(fcmRequest.privateKeyBase64, "base64").toString() });
    const hmsRequest = sampleHmsRequest();
    await setPushCredential({ actor: testActor, applicationId: app.id, input: { provider: "HMS", ...hmsRequest } });
    hms.trustClient({ clientId: hmsRequest.clientId, clientSecret: hmsRequest.clientSecret });
    const actor = await appActor(app.id);
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: `${user}-f`, count: 1, platform: "FCM" });
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: `${user}-h`, count: 1, platform: "HMS" });
    const body = { title: "Payment", body: "Approve 100 EUR", sound: "default", extras: { operationId: "op-1" } };
    const sent = await sendPushMessages({
      actor,
      appId: app.id,
      origin: "push-server",
      mode: "ASYNCHRONOUS",
      messages: [fromPushServerMessage({ userId: `${user}-f-1`, body }), fromPushServerMessage({ userId: `${user}-h-1`, body })],
    });
    await drainUntilAnswered(sent.messages.map((m) => m.messageId));
    const statuses = await db.pushDelivery.findMany({ where: { messageId: { in: sent.messages.map((m) => m.messageId) } }, select: { platform: true, status: true, providerMessageId: true } });
    expect(statuses.map((s) => [s.platform, s.status]).sort()).toEqual([
      ["FCM", "SENT"],
      ["HMS", "SENT"],
    ]);
    const [fcmMessage] = fcm.deliveries();
    expect(fcmMessage!.message).toMatchObject({ android: { notification: { title: "Payment", body: "Approve 100 EUR" } }, data: { operationId: "op-1" } });
    const [hmsMessage] = hms.deliveries();
    expect(hmsMessage!.message).toMatchObject({ android: { notification: { title: "Payment", body: "Approve 100 EUR" } } });
    expect(JSON.parse(String(hmsMessage!.message.data))).toEqual({ operationId: "op-1" });
  });
});

describe("fan-out and delivery jobs run again", () => {
  it("a broadcast fans out in steps to every device once, even when its fan-out and delivery jobs run twice", async () => {
    const { app } = await apnsApp();
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 1200 });
    const { messageId } = await sendPushBroadcast({ actor: testActor, applicationId: app.id, origin: "console", message: { priority: "HIGH", silent: false, personal: false, body: { title: "Announcement" } } });
    // The job's run, and a second run of the same job (a worker that died after finishing): the cursor holds.
    expect(await fanOutMessage(messageId, 500)).toEqual({ deliveries: 1200, steps: 3 });
    expect(await fanOutMessage(messageId, 500)).toEqual({ deliveries: 0, steps: 1 });
    const ids = (await db.pushDelivery.findMany({ where: { messageId }, select: { id: true } })).map((d) => d.id);
    expect(ids).toHaveLength(1200);
    // The same delivery job twice at once: each delivery is taken by one run only.
    const [a, b] = await Promise.all([deliverPushBatch("APNS", ids.slice(0, 300)), deliverPushBatch("APNS", ids.slice(0, 300))]);
    expect(a.taken + b.taken).toBe(300);
    await drainUntilAnswered([messageId], 60_000);
    expect(await db.pushDelivery.count({ where: { messageId, status: "SENT" } })).toBe(1200);
    const stats = apns.stats();
    expect(stats.duplicates).toBe(0);
    for (let n = 1; n <= 1200; n += 97) expect(apns.countFor(APNS_TOKEN(`${user}-${n}`))).toBe(1);
    const message = await db.pushMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ deviceCount: 1200 });
    expect(message.fannedOutAt).not.toBeNull();
  });

  it("a delivery left SENDING by a dead worker is sent again after its lease, with the same apns-id", async () => {
    const { app, actor } = await apnsApp();
    const user = uniqueId("bulk");
    await makeBulkPushDevices({ applicationId: app.id, userPrefix: user, count: 1 });
    const sent = await sendPushMessages({ actor, appId: app.id, origin: "push-server", mode: "ASYNCHRONOUS", messages: [fromPushServerMessage({ userId: `${user}-1`, body: { title: "Lost ack" } })] });
    const messageId = sent.messages[0]!.messageId;
    const [delivery] = await deliveriesOf(messageId);
    // A worker took it, sent it, and died before recording: SENDING with a lease that has run out.
    await hotTransaction((sql) => sql.query(`UPDATE push_delivery SET status = 'SENDING', attempts = 1, lease_until = now() - interval '1 second' WHERE id = $1::uuid`, [delivery!.id]));
    const summary = await deliverPushBatch("APNS", [delivery!.id]);
    expect(summary.taken).toBe(1);
    const [received] = apns.deliveries().filter((d) => d.token === APNS_TOKEN(`${user}-1`));
    expect(received!.apnsId.toLowerCase()).toBe(delivery!.id);
    expect((await db.pushDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).attempts).toBe(2);
  });
});

describe("operations wake the app (Cloud's mtoken pushes)", () => {
  it("a new operation is a visible push with the template's texts and mtoken.operationInit; its end a silent mtoken.operationFinished", async () => {
    const { app, actor } = await apnsApp();
    const registration = await makeActiveRegistration({ app });
    const token = APNS_TOKEN(uniqueId("mtoken"));
    await createPushDevices({ actor, appId: app.id, activationIds: [registration.registrationId], binding: { platform: "APNS", token, environment: "development" } });
    const template = await makeTemplate();
    const { operationId } = await createOperation({ actor: testActor, applicationId: app.id, userId: registration.userId, template: template.name, parameters: PAYMENT });
    const [init] = await db.pushMessage.findMany({ where: { applicationId: app.id, origin: "operation" }, select: { id: true, silent: true, personal: true } });
    expect(init).toMatchObject({ silent: false, personal: true });
    await drainUntilAnswered([init!.id]);
    expect(apns.deliveries().filter((d) => d.token === token).map((d) => d.payload)).toEqual([
      { aps: { alert: { title: "Confirm payment", body: "Please confirm the payment of 100.50 EUR." }, sound: "default" }, messageType: "mtoken.operationInit", operationId, operationName: "authorize_payment" },
    ]);

    await cancelOperation({ actor: testActor, operationId, applicationId: app.id });
    const messages = await db.pushMessage.findMany({ where: { applicationId: app.id, origin: "operation" }, orderBy: { createdAt: "asc" }, select: { id: true, silent: true } });
    expect(messages.map((m) => m.silent)).toEqual([false, true]);
    await drainUntilAnswered([messages[1]!.id]);
    const finished = apns.deliveries().filter((d) => d.token === token)[1]!;
    expect(finished.headers).toMatchObject({ "apns-push-type": "background", "apns-priority": "5" });
    expect(finished.payload).toEqual({ aps: { "content-available": 1 }, messageType: "mtoken.operationFinished", mtokenOperationResult: "operation.canceled", operationId, operationName: "authorize_payment" });
  });

  it("a user without a push device gets no message row", async () => {
    const { app } = await apnsApp();
    const template = await makeTemplate();
    const bare = await makeActiveRegistration({ app });
    await createOperation({ actor: testActor, applicationId: app.id, userId: bare.userId, template: template.name, parameters: PAYMENT });
    expect(await db.pushMessage.count({ where: { applicationId: app.id, origin: "operation" } })).toBe(0);
  });
});

describe("the console's test push", () => {
  it("goes through the queue to the provider, answers with the provider's answer, and is audited with a shortened token", async () => {
    const { app } = await apnsApp();
    const token = APNS_TOKEN(uniqueId("test-push"));
    let answered = false;
    const draining = (async () => {
      while (!answered) {
        await drainQueues(50);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const result = await sendTestPush({ actor: testActor, applicationId: app.id, platform: "APNS", token, environment: "development", title: "Hello", body: "From the console" }).finally(() => (answered = true));
    await draining;
    expect(result).toMatchObject({ status: "SENT", outcome: "SENT", providerStatus: 200, attempts: 1 });
    expect(apns.deliveries().filter((d) => d.token === token).map((d) => d.payload)).toEqual([{ aps: { alert: { title: "Hello", body: "From the console" }, sound: "default" } }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { applicationId: app.id, action: "push.test" }, select: { targetId: true, after: true } });
    expect(audit.targetId).toBe(result.messageId);
    expect(JSON.stringify(audit.after)).not.toContain(token);
  });
});
