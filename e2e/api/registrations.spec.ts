/**
 * The Cloud registrations API over HTTP against the running server, with a backend credential made
 * by the CLI and phones simulated by the device client: every documented path, shape and error,
 * and the whole journey (create → scan → commit → block → unblock → remove) with protocol 3.1, 3.2
 * and 3.3.
 */
import type { ProtocolVersion } from "@/powerauth/device";

import { basic, createCredential, expect, test, unique } from "../fixtures";
import { createRegistration, errorBody, makeTestApp, phone, type TestApp } from "./registration-setup";
import { expireRegistration } from "./test-database";

const UNAUTHORIZED = { status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } };
const OK = { status: "OK" };

let app: TestApp;
let otherApp: TestApp;

test.beforeAll(async ({ request }, workerInfo) => {
  const admin = await createCredential(`reg-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
  app = await makeTestApp(request, admin);
  otherApp = await makeTestApp(request, admin);
});

test.describe("authentication", () => {
  test("every registration endpoint wants the application's credential: 401 without or with a wrong one, 403 for admin scope", async ({ request, adminCredential }) => {
    const id = crypto.randomUUID();
    const calls = [
      ["POST", "/v2/registrations"],
      ["GET", "/v2/registrations?userId=u"],
      ["GET", `/v2/registrations/${id}`],
      ["PUT", `/v2/registrations/${id}`],
      ["DELETE", `/v2/registrations/${id}`],
      ["POST", `/v2/registrations/${id}/commit`],
      ["POST", `/v2/registrations/${id}/flags`],
      ["PUT", `/v2/registrations/${id}/flags`],
      ["POST", `/v2/registrations/${id}/flags/remove`],
    ] as const;
    for (const [method, path] of calls) {
      for (const headers of [{}, basic({ username: app.credential.username, password: "wrong" })]) {
        const response = await request.fetch(path, { method, headers, data: {} });
        expect(response.status(), `${method} ${path}`).toBe(401);
        expect(await response.json()).toEqual(UNAUTHORIZED);
      }
      const admin = await request.fetch(path, { method, headers: basic(adminCredential), data: {} });
      expect(admin.status(), `${method} ${path}`).toBe(403);
    }
  });
});

test.describe("create and read", () => {
  test("POST /v2/registrations returns the QR data and the id; GET shows CREATED; the list shows it", async ({ request }) => {
    const created = await createRegistration(request, app, { flags: ["FLAG_1"] });
    expect(Object.keys(created).sort()).toEqual(["activationQrCodeData", "registrationId", "userId"]);
    expect(created.activationQrCodeData).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}#[A-Za-z0-9+/]+=*$/);
    expect(created.registrationId).toMatch(/^[0-9a-f-]{36}$/);

    const detail = await request.get(`/v2/registrations/${created.registrationId}`, { headers: app.headers });
    expect(detail.status()).toBe(200);
    const body = await detail.json();
    expect(body).toEqual({
      registrationId: created.registrationId,
      registrationStatus: "CREATED",
      activationQrCodeData: created.activationQrCodeData,
      flags: ["FLAG_1"],
      timestampCreated: expect.any(Number),
      timestampLastUsed: expect.any(Number),
    });
    expect(Math.abs(body.timestampCreated - Date.now())).toBeLessThan(60_000);

    const list = await request.get(`/v2/registrations?userId=${encodeURIComponent(created.userId)}`, { headers: app.headers });
    expect(await list.json()).toEqual({
      registrations: [
        { registrationId: created.registrationId, registrationStatus: "CREATED", name: null, flags: ["FLAG_1"], timestampCreated: body.timestampCreated, timestampLastUsed: body.timestampLastUsed },
      ],
    });
    const none = await request.get(`/v2/registrations?userId=${unique("nobody")}`, { headers: app.headers });
    expect(await none.json()).toEqual({ registrations: [] });
  });

  test("create refuses bad input with violations, another application's appId, and a second unfinished registration", async ({ request }) => {
    for (const [data, field] of [
      [{ appId: app.id }, "userId"],
      [{ userId: "u", appId: app.id, otpValidation: "SOMETIMES" }, "otpValidation"],
      [{ userId: "u", appId: app.id, otpValidation: "ON_COMMIT" }, "otp"],
      [{ userId: "u", appId: app.id, otp: "12345678" }, "otpValidation"],
      [{ userId: "u", appId: app.id, flags: "FLAG" }, "flags"],
      [{ userId: 12, appId: app.id }, "userId"],
      [{ userId: "u" }, "appId"],
    ] as const) {
      const response = await request.post("/v2/registrations", { headers: app.headers, data });
      expect(response.status(), JSON.stringify(data)).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject(errorBody("ERROR_REQUEST"));
      expect(body.responseObject.violations.map((v: { fieldName: string }) => v.fieldName), JSON.stringify(data)).toContain(field);
    }
    const foreign = await request.post("/v2/registrations", { headers: app.headers, data: { userId: unique("u"), appId: otherApp.id } });
    expect(foreign.status()).toBe(400);
    expect(await foreign.json()).toMatchObject(errorBody("ERROR_REGISTRATION_NOT_FOUND"));

    const { userId } = await createRegistration(request, app);
    const again = await request.post("/v2/registrations", { headers: app.headers, data: { userId, appId: app.id } });
    expect(again.status()).toBe(400);
    expect(await again.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REGISTRATION_NOT_ALLOWED", message: "Registration is already in progress" } });
    // Java backends send absent optionals as null.
    const nulls = await request.post("/v2/registrations", { headers: app.headers, data: { userId: unique("u"), appId: app.id, otp: null, otpValidation: null, flags: null } });
    expect(nulls.status()).toBe(200);
  });

  test("reads refuse malformed, unknown and other applications' ids", async ({ request }) => {
    const missing = await request.get("/v2/registrations", { headers: app.headers });
    expect(missing.status()).toBe(400);
    expect((await missing.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "userId" })] });
    const malformed = await request.get("/v2/registrations/not-a-uuid", { headers: app.headers });
    expect(malformed.status()).toBe(400);
    expect(await malformed.json()).toMatchObject(errorBody("ERROR_REQUEST"));
    const unknown = await request.get(`/v2/registrations/${crypto.randomUUID()}`, { headers: app.headers });
    expect(await unknown.json()).toMatchObject(errorBody("ERROR_REGISTRATION_NOT_FOUND"));
    const theirs = await createRegistration(request, otherApp);
    for (const [method, path, data] of [
      ["GET", `/v2/registrations/${theirs.registrationId}`, undefined],
      ["PUT", `/v2/registrations/${theirs.registrationId}`, { change: "REMOVE" }],
      ["DELETE", `/v2/registrations/${theirs.registrationId}`, undefined],
      ["POST", `/v2/registrations/${theirs.registrationId}/commit`, {}],
      ["POST", `/v2/registrations/${theirs.registrationId}/flags`, { flags: ["X"] }],
    ] as const) {
      const response = await request.fetch(path, { method, headers: app.headers, ...(data ? { data } : {}) });
      expect(response.status(), `${method} ${path}`).toBe(400);
      expect(await response.json()).toMatchObject(errorBody("ERROR_REGISTRATION_NOT_FOUND"));
    }
    expect((await request.get(`/v2/registrations?userId=${theirs.userId}`, { headers: app.headers }).then((r) => r.json())).registrations).toEqual([]);
  });

  test("an expired CREATED registration still reads as CREATED but offers no code, and cannot be activated", async ({ request }) => {
    const created = await createRegistration(request, app);
    await expireRegistration(created.registrationId);
    const body = await (await request.get(`/v2/registrations/${created.registrationId}`, { headers: app.headers })).json();
    expect(body).toMatchObject({ registrationStatus: "CREATED", activationQrCodeData: null });
    await expect(phone(app).activate({ qr: created.activationQrCodeData, version: "3.3" })).rejects.toMatchObject({ status: 400, code: "ERR_ACTIVATION" });
  });
});

test.describe("activation and commit", () => {
  for (const version of ["3.1", "3.2", "3.3"] as ProtocolVersion[]) {
    test(`protocol ${version}: scan, PENDING_COMMIT with the fingerprint, commit, ACTIVE`, async ({ request }) => {
      const created = await createRegistration(request, app);
      const device = phone(app);
      const { activationId, fingerprint } = await device.activate({ qr: created.activationQrCodeData, version, name: "iPhone", platform: "iOS", deviceInfo: "iPhone10,6" });
      expect(activationId).toBe(created.registrationId);
      const pending = await (await request.get(`/v2/registrations/${activationId}`, { headers: app.headers })).json();
      expect(pending).toEqual({
        registrationId: activationId,
        registrationStatus: "PENDING_COMMIT",
        name: "iPhone",
        platform: "ios",
        deviceInfo: "iPhone10,6",
        activationFingerprint: fingerprint,
        flags: [],
        timestampCreated: expect.any(Number),
        timestampLastUsed: expect.any(Number),
      });
      expect((await device.status()).state).toBe("PENDING_COMMIT");

      const commit = await request.post(`/v2/registrations/${activationId}/commit`, { headers: app.headers, data: { externalUserId: "operator-1" } });
      expect(commit.status()).toBe(200);
      expect(await commit.json()).toEqual(OK);
      const active = await (await request.get(`/v2/registrations/${activationId}`, { headers: app.headers })).json();
      expect(active).toEqual({ registrationId: activationId, registrationStatus: "ACTIVE", name: "iPhone", platform: "ios", deviceInfo: "iPhone10,6", flags: [], timestampCreated: expect.any(Number), timestampLastUsed: expect.any(Number) });
      expect(await device.status()).toMatchObject({ state: "ACTIVE", counterSync: "OK", failedAttempts: 0, maxFailedAttempts: 5 });

      const again = await request.post(`/v2/registrations/${activationId}/commit`, { headers: app.headers });
      expect(again.status()).toBe(400);
      expect(await again.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REGISTRATION_CHANGE", message: "Registration cannot be committed, unexpected state: ACTIVE" } });
    });
  }

  test("ON_KEY_EXCHANGE: the OTP typed on the phone activates at once (a wrong one is refused)", async ({ request }) => {
    const created = await createRegistration(request, app, { otp: "48151623", otpValidation: "ON_KEY_EXCHANGE" });
    const device = phone(app);
    await expect(device.activate({ qr: created.activationQrCodeData, version: "3.3", otp: "00000000" })).rejects.toMatchObject({ status: 400, code: "ERR_ACTIVATION" });
    await device.activate({ qr: created.activationQrCodeData, version: "3.3", otp: "48151623" });
    expect((await (await request.get(`/v2/registrations/${created.registrationId}`, { headers: app.headers })).json()).registrationStatus).toBe("ACTIVE");
    expect(await device.status()).toMatchObject({ state: "ACTIVE", failedAttempts: 0 });
  });

  test("ON_COMMIT: the bank sends the OTP with the commit; missing, wrong and right", async ({ request }) => {
    const created = await createRegistration(request, app, { otp: "AB-1234", otpValidation: "ON_COMMIT" });
    await phone(app).activate({ qr: created.activationQrCodeData, version: "3.2" });
    const path = `/v2/registrations/${created.registrationId}/commit`;
    const missing = await request.post(path, { headers: app.headers, data: {} });
    expect((await missing.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "otp" })] });
    const wrong = await request.post(path, { headers: app.headers, data: { otp: "AB-9999" } });
    expect(await wrong.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REGISTRATION_CHANGE", message: "Registration cannot be committed, the OTP is not valid (4 attempts left)" } });
    const right = await request.post(path, { headers: app.headers, data: { otp: "AB-1234" } });
    expect(await right.json()).toEqual(OK);
  });

  test("an expired PENDING_COMMIT registration cannot be committed", async ({ request }) => {
    const created = await createRegistration(request, app);
    await phone(app).activate({ qr: created.activationQrCodeData, version: "3.3" });
    await expireRegistration(created.registrationId);
    const response = await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers });
    expect((await response.json()).responseObject).toMatchObject({ code: "ERROR_REGISTRATION_CHANGE", message: expect.stringContaining("expired") });
  });
});

test.describe("status changes and flags", () => {
  async function activeRegistration(request: Parameters<typeof createRegistration>[0]) {
    const created = await createRegistration(request, app);
    const device = phone(app);
    await device.activate({ qr: created.activationQrCodeData, version: "3.3" });
    expect((await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers })).status()).toBe(200);
    return { ...created, device };
  }

  test("PUT refuses every change the state does not allow, with the documented message", async ({ request }) => {
    const created = await createRegistration(request, app);
    const change = (id: string, data: unknown) => request.put(`/v2/registrations/${id}`, { headers: app.headers, data });
    for (const kind of ["BLOCK", "UNBLOCK"]) {
      expect(await (await change(created.registrationId, { change: kind })).json()).toEqual({
        status: "ERROR",
        responseObject: { code: "ERROR_REGISTRATION_CHANGE", message: "Activation is CREATED, you can only REMOVE it." },
      });
    }
    const pending = await createRegistration(request, app);
    await phone(app).activate({ qr: pending.activationQrCodeData, version: "3.2" });
    expect((await (await change(pending.registrationId, { change: "BLOCK" })).json()).responseObject.message).toBe("Activation is PENDING_COMMIT, you can only REMOVE it.");
    const active = await activeRegistration(request);
    expect((await (await change(active.registrationId, { change: "UNBLOCK" })).json()).responseObject.message).toBe("Activation is ACTIVE, you can only BLOCK or REMOVE it.");
    expect(await (await change(active.registrationId, { change: "BLOCK" })).json()).toEqual(OK);
    expect(await (await change(active.registrationId, { change: "BLOCK" })).json()).toEqual({
      status: "ERROR",
      responseObject: { code: "ERROR_REGISTRATION_CHANGE", message: "Activation is BLOCKED, you can only UNBLOCK or REMOVE it." },
    });
    const invalid = await change(active.registrationId, { change: "DESTROY" });
    expect((await invalid.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "change", invalidValue: "DESTROY" })] });
    expect((await (await change(active.registrationId, {})).json()).responseObject.code).toBe("ERROR_REQUEST");
  });

  test("block with a reason, the phone sees BLOCKED; unblock; remove; then it is gone", async ({ request }) => {
    const { registrationId, device } = await activeRegistration(request);
    const path = `/v2/registrations/${registrationId}`;
    expect(await (await request.put(path, { headers: app.headers, data: { change: "BLOCK", blockReason: "DEVICE_LOST", externalUserId: "agent-5" } })).json()).toEqual(OK);
    expect((await (await request.get(path, { headers: app.headers })).json()).registrationStatus).toBe("BLOCKED");
    expect((await device.status()).state).toBe("BLOCKED");
    expect(await (await request.put(path, { headers: app.headers, data: { change: "UNBLOCK" } })).json()).toEqual(OK);
    expect((await device.status()).state).toBe("ACTIVE");
    expect(await (await request.put(path, { headers: app.headers, data: { change: "REMOVE" } })).json()).toEqual(OK);
    expect((await device.status()).state).toBe("REMOVED");
    const gone = await request.get(path, { headers: app.headers });
    expect(await gone.json()).toMatchObject(errorBody("ERROR_REGISTRATION_NOT_FOUND"));
    const removeAgain = await request.delete(path, { headers: app.headers });
    expect(await removeAgain.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REGISTRATION_NOT_FOUND", message: "Registration not found for state change" } });
  });

  test("DELETE removes in any state", async ({ request }) => {
    const created = await createRegistration(request, app);
    const response = await request.delete(`/v2/registrations/${created.registrationId}`, { headers: app.headers });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual(OK);
    expect((await (await request.get(`/v2/registrations?userId=${created.userId}`, { headers: app.headers })).json()).registrations).toEqual([]);
  });

  test("flags: add, replace and remove; bad flags are refused", async ({ request }) => {
    const created = await createRegistration(request, app, { flags: ["A"] });
    const path = `/v2/registrations/${created.registrationId}/flags`;
    const flags = async () => (await (await request.get(`/v2/registrations/${created.registrationId}`, { headers: app.headers })).json()).flags;
    expect(await (await request.post(path, { headers: app.headers, data: { flags: ["B", "A"] } })).json()).toEqual(OK);
    expect(await flags()).toEqual(["A", "B"]);
    expect(await (await request.post(`${path}/remove`, { headers: app.headers, data: { flags: ["A", "Z"] } })).json()).toEqual(OK);
    expect(await flags()).toEqual(["B"]);
    expect(await (await request.put(path, { headers: app.headers, data: { flags: ["X", "Y"] } })).json()).toEqual(OK);
    expect(await flags()).toEqual(["X", "Y"]);
    for (const data of [{}, { flags: "X" }, { flags: ["bad flag"] }, { flags: [""] }]) {
      const response = await request.post(path, { headers: app.headers, data });
      expect(response.status(), JSON.stringify(data)).toBe(400);
      expect((await response.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: expect.stringMatching(/^flags/) })] });
    }
    const unknown = await request.put(`/v2/registrations/${crypto.randomUUID()}/flags`, { headers: app.headers, data: { flags: ["X"] } });
    expect(await unknown.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REGISTRATION_NOT_FOUND", message: "Registration not found" } });
  });
});
