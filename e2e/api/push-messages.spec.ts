/**
 * Sending push messages over HTTP against the running server, which delivers to the APNs
 * simulator over HTTP/2 (cloud-multi-device-api.txt "Send Push Message", push-server-api.txt
 * "Send Message", "Send Message Batch"): one pipeline behind the three endpoints, SYNCHRONOUS
 * counts, ASYNCHRONOUS at once, "no devices" said, dead tokens retired, and every documented error
 * (Cloud ERROR_PUSH_MESSAGE / ERROR_REQUEST, Push Server ERROR_GENERIC, 401).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import type { APIRequestContext } from "@playwright/test";

import { E2E } from "../e2e-settings";
import { basic, createCredential, expect, test, unique, type CliCredential } from "../fixtures";
import { root } from "../launcher";
import { apnsToken, deliveriesTo, script, trustedApnsKey } from "../push-simulators";
import { createRegistration, errorBody, makeTestApp, phone, type TestApp } from "./registration-setup";

let admin: CliCredential;
let app: TestApp;
let otherApp: TestApp;

test.beforeAll(async ({ request }, workerInfo) => {
  admin = await createCredential(`push-msg-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
  app = await makeTestApp(request, admin);
  otherApp = await makeTestApp(request, admin);
  const key = await trustedApnsKey();
  const configured = await request.post(`/admin/applications/${app.id}/push/apns`, {
    headers: basic(admin),
    data: { topic: "com.example.bank", keyId: key.keyId, teamId: key.teamId, environment: "development", privateKeyBase64: key.privateKeyBase64 },
  });
  expect(configured.status(), await configured.text()).toBe(200);
});

/** An ACTIVE registration whose phone registered an APNs token with its PowerAuth token (§14). */
async function phoneWithPush(request: APIRequestContext, target: TestApp = app) {
  const created = await createRegistration(request, target);
  const device = phone(target);
  await device.activate({ qr: created.activationQrCodeData, version: "3.3" });
  expect((await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: target.headers, data: {} })).status()).toBe(200);
  await device.createToken();
  const token = apnsToken();
  await device.registerPushToken({ platform: "ios", token, environment: "development" });
  return { ...created, token, device };
}

test("Cloud /v2/messages/send queues the message; the phone's token receives Apple's payload", async ({ request }) => {
  const user = await phoneWithPush(request);
  const response = await request.post("/v2/messages/send", {
    headers: app.headers,
    data: { userId: user.userId, registrationId: user.registrationId, title: "Payment", message: "Approve 100 EUR", extras: { operationId: "op-42" } },
  });
  expect(response.status(), await response.text()).toBe(200);
  expect(await response.json()).toEqual({ status: "OK", responseObject: { messageId: expect.any(String) as unknown, devices: 1, status: "QUEUED" } });
  const [delivery] = await deliveriesTo("apns", user.token);
  expect(delivery!.headers).toMatchObject({ "apns-topic": "com.example.bank", "apns-push-type": "alert", "apns-priority": "10" });
  expect(delivery!.payload).toMatchObject({ aps: { alert: { title: "Payment", body: "Approve 100 EUR" }, sound: "default" }, operationId: "op-42" });
});

test("Cloud: a user without devices is said so; title and message are required unless silent; bad input is ERROR_REQUEST", async ({ request }) => {
  const send = (data: unknown) => request.post("/v2/messages/send", { headers: app.headers, data });
  const none = await send({ userId: "nobody-at-all", title: "Hi", message: "There" });
  expect(await none.json()).toEqual({ status: "OK", responseObject: { messageId: expect.any(String) as unknown, devices: 0, status: "NO_DEVICES" } });

  const noTitle = await send({ userId: "u1", title: "", message: "x" });
  expect(noTitle.status()).toBe(400);
  expect(await noTitle.json()).toEqual(errorBody("ERROR_PUSH_MESSAGE", "Unable to send push message. Title must not be blank."));
  expect((await (await send({ userId: "u1", silent: true })).json()) as unknown).toMatchObject({ status: "OK" });

  const wrongTypes = await send({ userId: 7, silent: "yes", registrationId: "not-a-uuid", title: "x".repeat(300) });
  expect(wrongTypes.status()).toBe(400);
  const body = (await wrongTypes.json()) as { responseObject: { code: string; violations: { fieldName: string }[] } };
  expect(body.responseObject.code).toBe("ERROR_REQUEST");
  expect(body.responseObject.violations.map((v) => v.fieldName).sort()).toEqual(["registrationId", "silent", "title", "userId"]);

  const malformed = await request.post("/v2/messages/send", { headers: { ...app.headers, "content-type": "application/json" }, data: "{not json" });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual(errorBody("ERROR_REQUEST"));

  const other = await phoneWithPush(request, otherApp);
  const foreign = await send({ userId: other.userId, registrationId: other.registrationId, title: "Hi", message: "x" });
  expect(foreign.status()).toBe(400);
  expect(await foreign.json()).toEqual(errorBody("ERROR_PUSH_MESSAGE"));

  const anonymous = await request.post("/v2/messages/send", { data: { userId: "u1", title: "x", message: "y" } });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } });
});

test("Push Server /push/message/send: SYNCHRONOUS returns the per-platform counts, ASYNCHRONOUS returns at once", async ({ request }) => {
  const user = await phoneWithPush(request);
  const sync = await request.post("/push/message/send", {
    headers: app.headers,
    data: { requestObject: { appId: app.id, mode: "SYNCHRONOUS", message: { userId: user.userId, priority: "HIGH", attributes: { personal: true, silent: false }, body: { title: "Balance update", body: "Your balance is now $745.00", badge: 3 } } } },
  });
  expect(sync.status(), await sync.text()).toBe(200);
  const syncBody = (await sync.json()) as { status: string; responseObject: { mode: string; result: Record<string, unknown>; messages: unknown[] } };
  expect(syncBody).toMatchObject({ status: "OK", responseObject: { mode: "SYNCHRONOUS", result: { apns: { sent: 1, pending: 0, failed: 0, total: 1 }, fcm: { sent: 0, pending: 0, failed: 0, total: 0 }, hms: { sent: 0, pending: 0, failed: 0, total: 0 } } } });
  expect(syncBody.responseObject.messages).toEqual([expect.objectContaining({ userId: user.userId, devices: 1, status: "QUEUED" })]);

  const asyncSend = await request.post("/push/message/send", {
    headers: app.headers,
    data: { requestObject: { appId: app.id, mode: "ASYNCHRONOUS", message: { userId: user.userId, attributes: { silent: true }, body: { extras: { messageType: "mtoken.operationInit" } } } } },
  });
  expect(asyncSend.status()).toBe(200);
  const asyncBody = (await asyncSend.json()) as { responseObject: Record<string, unknown> };
  expect(asyncBody.responseObject.mode).toBe("ASYNCHRONOUS");
  expect(asyncBody.responseObject.result).toBeUndefined();
  const deliveries = await deliveriesTo("apns", user.token, 2);
  expect(deliveries.at(-1)!.headers).toMatchObject({ "apns-push-type": "background", "apns-priority": "5" });
});

test("Push Server batch: counts summed over the batch; more than 20 messages, bad input and another application are ERROR_GENERIC", async ({ request }) => {
  const first = await phoneWithPush(request);
  const second = await phoneWithPush(request);
  const message = (userId: string) => ({ userId, body: { title: "Batch", body: "Hello" } });
  const batch = await request.post("/push/message/batch/send", { headers: app.headers, data: { requestObject: { appId: app.id, batch: [message(first.userId), message(second.userId), message("nobody")] } } });
  expect(batch.status(), await batch.text()).toBe(200);
  const batchBody = (await batch.json()) as { responseObject: { mode: string; result: { apns: unknown }; messages: { status: string }[] } };
  expect(batchBody.responseObject.mode).toBe("SYNCHRONOUS");
  expect(batchBody.responseObject.result.apns).toEqual({ sent: 2, pending: 0, failed: 0, total: 2 });
  expect(batchBody.responseObject.messages.map((m) => m.status)).toEqual(["QUEUED", "QUEUED", "NO_DEVICES"]);

  const tooMany = await request.post("/push/message/batch/send", { headers: app.headers, data: { requestObject: { appId: app.id, batch: Array.from({ length: 21 }, () => message("u")) } } });
  expect(tooMany.status()).toBe(400);
  expect(await tooMany.json()).toEqual(errorBody("ERROR_GENERIC"));

  for (const data of [{}, { requestObject: { appId: app.id, message: { userId: "u", priority: "URGENT", body: { title: "x" } } } }, { requestObject: { appId: app.id, mode: "LATER", message: message("u") } }, { requestObject: { appId: app.id, message: { userId: "u", body: {} } } }]) {
    const bad = await request.post("/push/message/send", { headers: app.headers, data });
    expect(bad.status(), JSON.stringify(data)).toBe(400);
    expect(await bad.json()).toEqual(errorBody("ERROR_GENERIC"));
  }
  const foreign = await request.post("/push/message/send", { headers: app.headers, data: { requestObject: { appId: otherApp.id, message: message("u") } } });
  expect(foreign.status()).toBe(400);
  expect(await foreign.json()).toEqual(errorBody("ERROR_GENERIC"));
});

test("a token APNs says is dead (410) is retired: the next message finds no devices", async ({ request }) => {
  const user = await phoneWithPush(request);
  await script("apns", user.token, [{ status: 410, reason: "Unregistered" }]);
  const send = () => request.post("/push/message/send", { headers: app.headers, data: { requestObject: { appId: app.id, message: { userId: user.userId, body: { title: "Are you there?" } } } } });
  const first = (await (await send()).json()) as { responseObject: { result: { apns: unknown } } };
  expect(first.responseObject.result.apns).toEqual({ sent: 0, pending: 0, failed: 1, total: 1 });
  const second = (await (await send()).json()) as { responseObject: { messages: { status: string }[] } };
  expect(second.responseObject.messages[0]!.status).toBe("NO_DEVICES");
});

test("the device simulator CLI registers its push token (`device push register`), and a message reaches it", async ({ request }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-device-push-"));
  const state = path.join(dir, "phone.json");
  const device = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "src/cli/device/index.ts"), ...args, "--state", state, "--url", E2E.baseUrl], { cwd: root });
    return JSON.parse(stdout.trim()) as Record<string, unknown>;
  };
  try {
    const created = await createRegistration(request, app, { userId: unique("cli-push-user") });
    await device("activate", "--app-config", app.mobileSdkConfig, "--qr", created.activationQrCodeData, "--version", "3.3");
    expect((await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers, data: {} })).status()).toBe(200);
    await device("token", "create", "--factors", "possession");
    const token = apnsToken();
    expect(await device("push", "register", "--platform", "ios", "--push-token", token, "--environment", "development")).toMatchObject({ ok: true, command: "push", action: "register", status: "OK" });
    const sent = await request.post("/v2/messages/send", { headers: app.headers, data: { userId: created.userId, title: "From the CLI", message: "Registered by npm run device" } });
    expect(await sent.json()).toMatchObject({ status: "OK", responseObject: { devices: 1, status: "QUEUED" } });
    const [delivery] = await deliveriesTo("apns", token);
    expect(delivery!.payload).toMatchObject({ aps: { alert: { title: "From the CLI" } } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a new operation wakes the phone (mtoken.operationInit) and its cancellation closes it (mtoken.operationFinished)", async ({ request }) => {
  const user = await phoneWithPush(request);
  const template = unique("push-op");
  const saved = await request.post("/admin/templates", {
    headers: basic(admin),
    data: { name: template, operationType: "authorize_payment", dataTemplate: "A1*A${amount}${currency}", texts: { en: { title: "Confirm payment", message: "Pay ${amount} ${currency}?" } } },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const created = await request.post("/v2/operations", { headers: app.headers, data: { userId: user.userId, template, parameters: { amount: "42", currency: "EUR" } } });
  expect(created.status(), await created.text()).toBe(200);
  const { operationId } = (await created.json()) as { operationId: string };
  const [init] = await deliveriesTo("apns", user.token);
  expect(init!.payload).toEqual({ aps: { alert: { title: "Confirm payment", body: "Pay 42 EUR?" }, sound: "default" }, messageType: "mtoken.operationInit", operationId, operationName: "authorize_payment" });

  expect((await request.delete(`/v2/operations/${operationId}`, { headers: app.headers })).status()).toBe(200);
  const finished = (await deliveriesTo("apns", user.token, 2))[1]!;
  expect(finished.headers).toMatchObject({ "apns-push-type": "background" });
  expect(finished.payload).toMatchObject({ aps: { "content-available": 1 }, messageType: "mtoken.operationFinished", mtokenOperationResult: "operation.canceled", operationId });
});
