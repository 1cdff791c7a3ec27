/**
 * Push devices over HTTP (push-server-api.txt "Device", protocol §14): the bank backend binds
 * tokens to activations of its own application (one token for several activations), removes them
 * and re-syncs their status; the app registers its own token with its PowerAuth token (the device
 * simulator) or a signature; registration BLOCK / UNBLOCK / REMOVE through the Cloud API changes
 * what the console lists. Errors: Push Server ERROR_GENERIC (400), Mobile Token dialect for the app.
 */
import type { APIRequestContext } from "@playwright/test";

import { basic, createCredential, expect, test, trpcCall, signInOverHttp, type CliCredential } from "../fixtures";
import { createRegistration, errorBody, makeTestApp, phone, type TestApp } from "./registration-setup";

let admin: CliCredential;
let app: TestApp;
let otherApp: TestApp;

test.beforeAll(async ({ request }, workerInfo) => {
  admin = await createCredential(`push-dev-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
  app = await makeTestApp(request, admin);
  otherApp = await makeTestApp(request, admin);
});

async function activePhone(request: APIRequestContext, target: TestApp = app) {
  const created = await createRegistration(request, target);
  const device = phone(target);
  await device.activate({ qr: created.activationQrCodeData, version: "3.3" });
  const commit = await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: target.headers, data: {} });
  expect(commit.status(), await commit.text()).toBe(200);
  return { device, ...created };
}

const OK = { status: "OK" };

test("the backend binds one token to two activations, updates, removes; status/update answers OK", async ({ request }) => {
  const first = await activePhone(request);
  const second = await activePhone(request);
  const multi = await request.post("/push/device/create/multi", {
    headers: app.headers,
    data: { requestObject: { appId: app.id, token: "1234567890987654321234567890", platform: "apns", environment: "development", activationIds: [first.registrationId, second.registrationId] } },
  });
  expect(multi.status(), await multi.text()).toBe(200);
  expect(await multi.json()).toEqual(OK);
  const single = await request.post("/push/device/create", {
    headers: app.headers,
    data: { requestObject: { appId: app.id, token: "fcm-token-1", platform: "android", environment: null, activationId: first.registrationId } },
  });
  expect(await single.json()).toEqual(OK);

  const flat = await request.post("/push/device/status/update", { headers: app.headers, data: { activationId: first.registrationId } });
  expect(await flat.json()).toEqual(OK);
  const wrapped = await request.post("/push/device/status/update", { headers: app.headers, data: { requestObject: { activationId: second.registrationId, activationStatus: "ACTIVE" } } });
  expect(await wrapped.json()).toEqual(OK);

  const removed = await request.delete("/push/device/remove", { headers: app.headers, data: { requestObject: { appId: app.id, token: "1234567890987654321234567890" } } });
  expect(await removed.json()).toEqual(OK);
  const removedByPost = await request.post("/push/device/remove", { headers: app.headers, data: { requestObject: { appId: app.id, token: "fcm-token-1" } } });
  expect(await removedByPost.json()).toEqual(OK);
});

test("device API errors: ERROR_GENERIC 400 for bad input, foreign or unknown activations; HTTP_401 without a credential", async ({ request }) => {
  const mine = await activePhone(request);
  const foreign = await activePhone(request, otherApp);
  const cases: [string, unknown][] = [
    ["/push/device/create", { requestObject: { appId: app.id, token: "t", platform: "windows", activationId: mine.registrationId } }],
    ["/push/device/create", { requestObject: { appId: app.id, token: "has space", platform: "apns", activationId: mine.registrationId } }],
    ["/push/device/create", { requestObject: { appId: app.id, token: "t", platform: "apns", environment: "staging", activationId: mine.registrationId } }],
    ["/push/device/create", { requestObject: { appId: app.id, token: "t", platform: "apns", activationId: "not-a-uuid" } }],
    ["/push/device/create", { requestObject: { appId: app.id, token: "t", platform: "apns", activationId: foreign.registrationId } }],
    ["/push/device/create", { requestObject: { appId: otherApp.id, token: "t", platform: "apns", activationId: foreign.registrationId } }],
    ["/push/device/create", { appId: app.id }],
    ["/push/device/create/multi", { requestObject: { appId: app.id, token: "t", platform: "apns", activationIds: [] } }],
    ["/push/device/create/multi", { requestObject: { appId: app.id, token: "t", platform: "apns", activationIds: [mine.registrationId, foreign.registrationId] } }],
    ["/push/device/status/update", {}],
    ["/push/device/status/update", { activationId: foreign.registrationId }],
    ["/push/device/remove", { requestObject: { appId: otherApp.id, token: "t" } }],
  ];
  for (const [path, data] of cases) {
    const response = await request.post(path, { headers: app.headers, data });
    expect(response.status(), `${path} ${JSON.stringify(data)}`).toBe(400);
    expect(await response.json(), path).toEqual(errorBody("ERROR_GENERIC"));
  }
  const anonymous = await request.post("/push/device/create", { data: {} });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } });
  const adminScoped = await request.post("/push/device/create", { headers: basic(admin), data: {} });
  expect(adminScoped.status()).toBe(403);
});

test("the app registers its own push token with its PowerAuth token (simulator) or a signature", async ({ request }) => {
  const { device, registrationId } = await activePhone(request);
  await device.createToken();
  expect(await device.registerPushToken({ platform: "ios", token: "apns-own-token", environment: "production" })).toEqual(OK);
  // Re-registering, and a new token (rotation), keep one row for the activation.
  expect(await device.registerPushToken({ platform: "apns", token: "apns-own-token" })).toEqual(OK);
  expect(await device.registerPushToken({ platform: "huawei", token: "hms-rotated-token" })).toEqual(OK);

  const body = JSON.stringify({ requestObject: { platform: "fcm", token: "signed-token" } });
  const signed = await request.post("/api/push/device/register", {
    headers: { ...device.signHeaders({ method: "POST", uriId: "/push/device/register", body, factors: "possession" }), "Content-Type": "application/json" },
    data: body,
  });
  expect(signed.status(), await signed.text()).toBe(200);
  expect(await signed.json()).toEqual(OK);

  const badPlatform = await request.post("/api/push/device/register/token", { headers: { ...device.tokenHeader(), "Content-Type": "application/json" }, data: { requestObject: { platform: "windows", token: "x" } } });
  expect(badPlatform.status()).toBe(400);
  expect(await badPlatform.json()).toEqual(errorBody("INVALID_REQUEST"));
  const noToken = await request.post("/api/push/device/register/token", { data: { requestObject: { platform: "apns", token: "x" } } });
  expect(noToken.status()).toBe(401);
  expect(await noToken.json()).toEqual(errorBody("POWERAUTH_AUTH_FAIL"));

  // After the registration is removed, its token no longer authenticates.
  const removed = await request.delete(`/v2/registrations/${registrationId}`, { headers: app.headers });
  expect(removed.status()).toBe(200);
  const afterRemoval = await request.post("/api/push/device/register/token", { headers: { ...device.tokenHeader(), "Content-Type": "application/json" }, data: { requestObject: { platform: "apns", token: "x" } } });
  expect(afterRemoval.status()).toBe(401);
});

test("devices follow the registration: BLOCK marks them, UNBLOCK restores, REMOVE deletes (console list)", async ({ request, staffAdmin }) => {
  const { device, registrationId, userId } = await activePhone(request);
  await device.createToken();
  await device.registerPushToken({ platform: "apns", token: "follow-token", environment: "development" });
  await signInOverHttp(request, staffAdmin.email, staffAdmin.password);
  const list = async () => trpcCall<{ items: { status: string; token: string; userId: string }[] }>(request, "push.devices", { applicationId: app.id, userId }, "query");
  expect((await list()).items).toEqual([expect.objectContaining({ status: "ACTIVE", token: "follow-token", userId })]);

  const change = async (status: "BLOCKED" | "ACTIVE") => {
    const response = await request.put(`/v2/registrations/${registrationId}`, { headers: app.headers, data: { change: status === "BLOCKED" ? "BLOCK" : "UNBLOCK" } });
    expect(response.status(), await response.text()).toBe(200);
  };
  await change("BLOCKED");
  expect((await list()).items[0]?.status).toBe("INACTIVE");
  await change("ACTIVE");
  expect((await list()).items[0]?.status).toBe("ACTIVE");
  expect((await request.delete(`/v2/registrations/${registrationId}`, { headers: app.headers })).status()).toBe(200);
  expect((await list()).items).toEqual([]);
});
