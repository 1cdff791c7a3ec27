/**
 * Push provider credentials over HTTP through every documented path (admin-services-api.txt
 * "Push Notification Services", push-server-api.txt "Administration"): each edits the one stored
 * configuration, secrets are never returned, bad keys and unknown applications get the documented
 * envelopes (Cloud ERROR_REQUEST / ERROR_ADMIN, Push Server ERROR_GENERIC), credentials need admin.
 */
import { sampleApnsRequest, sampleFcmRequest, sampleHmsRequest } from "@/server/testing/push-credential-samples";

import { basic, createCredential, expect, test, unique, type CliCredential } from "../fixtures";
import { errorBody, makeTestApp, type TestApp } from "./registration-setup";

let admin: CliCredential;
let app: TestApp;

test.beforeAll(async ({ request }, workerInfo) => {
  admin = await createCredential(`push-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
  app = await makeTestApp(request, admin);
});

const UNAUTHORIZED = { status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } };

test("Cloud admin: set APNs, FCM, HMS; read them without secrets; delete each", async ({ request }) => {
  const headers = basic(admin);
  expect(await (await request.get(`/admin/applications/${app.id}/push`, { headers })).json()).toEqual({ id: app.id });

  const apns = await request.post(`/admin/applications/${app.id}/push/apns`, { headers, data: sampleApnsRequest({ environment: "PRODUCTION" }) });
  expect(apns.status(), await apns.text()).toBe(200);
  expect(await apns.json()).toEqual({ id: app.id, apns: { topic: "com.example.bank", keyId: "ABC123DEFG", teamId: "DEF123GHIJ", environment: "PRODUCTION" } });

  const fcm = await request.post(`/admin/applications/${app.id}/push/fcm`, { headers, data: sampleFcmRequest() });
  expect(fcm.status(), await fcm.text()).toBe(200);
  const hms = await request.post(`/admin/applications/${app.id}/push/hms`, { headers, data: sampleHmsRequest({ projectId: "HMS123" }) });
  expect(hms.status(), await hms.text()).toBe(200);
  const all = await request.get(`/admin/applications/${app.id}/push`, { headers });
  const text = await all.text();
  expect(JSON.parse(text)).toEqual({
    id: app.id,
    apns: { topic: "com.example.bank", keyId: "ABC123DEFG", teamId: "DEF123GHIJ", environment: "PRODUCTION" },
    fcm: { projectId: "guardline-test" },
    hms: { projectId: "HMS123" },
  });
  expect(text).not.toMatch(/privateKey|clientSecret|PRIVATE/);

  for (const provider of ["fcm", "hms", "apns"]) {
    const removed = await request.delete(`/admin/applications/${app.id}/push/${provider}`, { headers });
    expect(removed.status()).toBe(200);
    expect(await removed.json()).toEqual({ status: "OK" });
  }
  expect(await (await request.get(`/admin/applications/${app.id}/push`, { headers })).json()).toEqual({ id: app.id });
});

test("Cloud admin: documented errors", async ({ request }) => {
  const headers = basic(admin);
  const missing = await request.post(`/admin/applications/${app.id}/push/apns`, { headers, data: { keyId: "ABC123DEFG" } });
  expect(missing.status()).toBe(400);
  expect(await missing.json()).toEqual(errorBody("ERROR_REQUEST"));
  const badKey = await request.post(`/admin/applications/${app.id}/push/apns`, { headers, data: sampleApnsRequest({ privateKeyBase64: Buffer.from("junk").toString("base64") }) });
  expect(badKey.status()).toBe(400);
  const badBody = (await badKey.json()) as { responseObject: { code: string; violations: { fieldName: string; invalidValue?: unknown }[] } };
  expect(badBody.responseObject.code).toBe("ERROR_REQUEST");
  expect(badBody.responseObject.violations[0]).toEqual({ fieldName: "privateKeyBase64", hint: expect.any(String) });
  const badFcm = await request.post(`/admin/applications/${app.id}/push/fcm`, { headers, data: { privateKeyBase64: Buffer.from("{}").toString("base64") } });
  expect(badFcm.status()).toBe(400);
  const badEnv = await request.post(`/admin/applications/${app.id}/push/apns`, { headers, data: sampleApnsRequest({ environment: "STAGING" }) });
  expect(await badEnv.json()).toEqual(errorBody("ERROR_REQUEST"));
  const unknown = await request.post(`/admin/applications/NO_SUCH_APP_X/push/hms`, { headers, data: sampleHmsRequest() });
  expect(unknown.status()).toBe(400);
  expect(await unknown.json()).toEqual(errorBody("ERROR_ADMIN"));
  expect(await (await request.get(`/admin/applications/NO_SUCH_APP_X/push`, { headers })).json()).toEqual(errorBody("ERROR_ADMIN"));

  const anonymous = await request.get(`/admin/applications/${app.id}/push`);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual(UNAUTHORIZED);
  const appScoped = await request.post(`/admin/applications/${app.id}/push/hms`, { headers: app.headers, data: sampleHmsRequest() });
  expect(appScoped.status()).toBe(403);
});

test("Push Server admin: create, list, detail, set and remove through current and deprecated paths", async ({ request }) => {
  const headers = basic(admin);
  const other = await makeTestApp(request, admin);
  const unconfigured = (await (await request.get("/admin/app/unconfigured/list", { headers })).json()) as { status: string; responseObject: { applicationList: unknown[] } };
  expect(unconfigured.status).toBe("OK");
  expect(unconfigured.responseObject.applicationList).toContainEqual({ appId: other.id, apns: null, fcm: null, hms: null });

  const created = await request.post("/admin/app/create", { headers, data: { requestObject: { appId: other.id } } });
  expect(await created.json()).toEqual({ status: "OK", responseObject: { appId: other.id } });
  const again = await request.post("/admin/app/create", { headers, data: { requestObject: { appId: other.id } } });
  expect(again.status()).toBe(400);
  expect(await again.json()).toEqual(errorBody("ERROR_GENERIC"));

  const { topic, ...apns } = sampleApnsRequest({ environment: null });
  const put = await request.put("/admin/app/apns", { headers, data: { requestObject: { appId: other.id, bundle: topic, ...apns } } });
  expect(put.status(), await put.text()).toBe(200);
  expect(await put.json()).toEqual({ status: "OK" });
  const android = await request.put("/admin/app/android/update", { headers, data: { requestObject: { appId: other.id, projectId: "PROJECTID123", ...sampleFcmRequest() } } });
  expect(await android.json()).toEqual({ status: "OK" });
  const { appId: hmsAppId, ...hms } = sampleHmsRequest({ projectId: "HMS123" });
  expect(hmsAppId).toBeTruthy();
  expect(await (await request.put("/admin/app/huawei/update", { headers, data: { requestObject: { appId: other.id, ...hms } } })).json()).toEqual({ status: "OK" });

  const list = (await (await request.get("/admin/app/list", { headers })).json()) as { responseObject: { applicationList: unknown[] } };
  expect(list.responseObject.applicationList).toContainEqual({ appId: other.id, apns: true, fcm: true, hms: true });
  const detail = await request.post("/admin/app/detail", { headers, data: { requestObject: { appId: other.id, includeApns: true, includeFcm: true, includeHms: true } } });
  expect(await detail.json()).toEqual({
    status: "OK",
    responseObject: { application: { appId: other.id, apns: true, fcm: true, hms: true }, apnsBundle: "com.example.bank", apnsKeyId: "ABC123DEFG", apnsTeamId: "DEF123GHIJ", fcmProjectId: "PROJECTID123", hmsProjectId: "HMS123" },
  });
  const brief = await request.post("/admin/app/detail", { headers, data: { requestObject: { appId: other.id } } });
  expect(await brief.json()).toEqual({ status: "OK", responseObject: { application: { appId: other.id, apns: true, fcm: true, hms: true } } });
  // The Cloud path reads the same store; null environment is the development one.
  expect(await (await request.get(`/admin/applications/${other.id}/push`, { headers })).json()).toMatchObject({ apns: { environment: "DEVELOPMENT" }, fcm: { projectId: "PROJECTID123" } });

  expect(await (await request.delete("/admin/app/ios/remove", { headers, data: { requestObject: { appId: other.id } } })).json()).toEqual({ status: "OK" });
  expect(await (await request.post("/admin/app/android/remove", { headers, data: { requestObject: { appId: other.id } } })).json()).toEqual({ status: "OK" });
  expect(await (await request.delete("/admin/app/hms", { headers, data: { requestObject: { appId: other.id } } })).json()).toEqual({ status: "OK" });
  // The deprecated update and the current name are one store: set through ios/update, removed through apns.
  expect(await (await request.put("/admin/app/ios/update", { headers, data: { requestObject: { appId: other.id, bundle: topic, ...sampleApnsRequest() } } })).json()).toEqual({ status: "OK" });
  expect(await (await request.delete("/admin/app/apns", { headers, data: { requestObject: { appId: other.id } } })).json()).toEqual({ status: "OK" });
  const after = (await (await request.get("/admin/app/list", { headers })).json()) as { responseObject: { applicationList: unknown[] } };
  expect(after.responseObject.applicationList).toContainEqual({ appId: other.id, apns: false, fcm: false, hms: false });
});

test("Push Server admin: errors are ERROR_GENERIC with HTTP 400; no credential is HTTP_401", async ({ request }) => {
  const headers = basic(admin);
  for (const [path, body] of [
    ["/admin/app/apns", { requestObject: { appId: app.id, bundle: "com.example.bank", keyId: "KEYID123456", teamId: "DEF123GHIJ", privateKeyBase64: sampleApnsRequest().privateKeyBase64 } }],
    ["/admin/app/fcm", { requestObject: { appId: app.id, privateKeyBase64: "not base64!" } }],
    ["/admin/app/hms", { requestObject: { appId: app.id, projectId: "P1" } }],
    ["/admin/app/hms", {}],
    ["/admin/app/hms", { requestObject: { ...sampleHmsRequest(), appId: "NO_SUCH_APP_X" } }],
  ] as const) {
    const response = await request.put(path, { headers, data: body });
    expect(response.status(), path).toBe(400);
    expect(await response.json(), path).toEqual(errorBody("ERROR_GENERIC"));
  }
  const detail = await request.post("/admin/app/detail", { headers, data: { requestObject: { appId: unique("NOT_PUSH") } } });
  expect(await detail.json()).toEqual(errorBody("ERROR_GENERIC"));
  const anonymous = await request.get("/admin/app/list");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual(UNAUTHORIZED);
});
