/**
 * The mobile Standard RESTful API (/pa/v3/**) over HTTP against the running server: time sync,
 * temporary keys, the key exchange (replays and expired keys refused), the status blob the phone
 * decrypts with the right counter, the phone removing itself, the ERR_* error dialect, and the
 * `npm run device` CLI driving a phone from a state file.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { DeviceClient } from "@/cli/device/device-client";
import { createActivationRequest, decodeMobileSdkConfig, ENCRYPTION_HEADER_NAME } from "@/powerauth/device";

import { E2E } from "../e2e-settings";
import { createCredential, expect, test, unique } from "../fixtures";
import { root } from "../launcher";
import { createRegistration, makeTestApp, phone, type TestApp } from "./registration-setup";
import { expireTemporaryKey } from "./test-database";

const run = promisify(execFile);

let app: TestApp;

test.beforeAll(async ({ request }, workerInfo) => {
  const admin = await createCredential(`mobile-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
  app = await makeTestApp(request, admin);
});

const standardError = (code: string, message: string) => ({ status: "ERROR", responseObject: { code, message } });

test.describe("Standard RESTful API", () => {
  test("POST /pa/v3/status gives the server time", async ({ request }) => {
    const before = Date.now();
    const response = await request.post("/pa/v3/status", { data: {} });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: "OK", responseObject: { serverTime: expect.any(Number), application: { name: "guardline", version: expect.any(String) } } });
    expect(body.responseObject.serverTime).toBeGreaterThanOrEqual(before - 1000);
    expect((await request.post("/pa/v3/status")).status()).toBe(200);
  });

  test("keystore/create issues a 3.3 key the phone accepts, and refuses bad requests", async ({ request }) => {
    const key = await phone(app).temporaryKey("application");
    expect(key.expiresAtMs - Date.now()).toBeGreaterThan(4 * 60_000);
    const badJwt = await request.post("/pa/v3/keystore/create", { data: { requestObject: { jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.AAAA" } } });
    expect(badJwt.status()).toBe(400);
    expect(await badJwt.json()).toEqual(standardError("ERR_TEMPORARY_KEY", "POWER_AUTH_TEMPORARY_KEY_FAILURE"));
    const shapeless = await request.post("/pa/v3/keystore/create", { data: { jwt: "x" } });
    expect(shapeless.status()).toBe(400);
    expect((await shapeless.json()).responseObject).toMatchObject({ code: "ERR_GENERIC", violations: [expect.objectContaining({ fieldName: "requestObject" })] });
  });

  test("activation/create refuses a replayed request", async ({ request }) => {
    const created = await createRegistration(request, app);
    const activation = createActivationRequest({ app: decodeMobileSdkConfig(app.mobileSdkConfig), version: "3.2", activationCode: created.activationQrCodeData, now: Date.now() });
    const send = () => request.post("/pa/v3/activation/create", { headers: { [ENCRYPTION_HEADER_NAME]: activation.encryptionHeader }, data: activation.body });
    const first = await send();
    expect(first.status()).toBe(200);
    expect(Object.keys(await first.json()).sort()).toEqual(["encryptedData", "mac", "nonce", "timestamp"]);
    const replay = await send();
    expect(replay.status()).toBe(400);
    expect(await replay.json()).toEqual(standardError("ERR_ENCRYPTION", "POWER_AUTH_ENCRYPTION_FAILED"));
  });

  test("activation/create refuses an expired temporary key, and works with a fresh one", async ({ request }) => {
    const created = await createRegistration(request, app);
    const device = phone(app);
    const key = await device.temporaryKey("application");
    await expireTemporaryKey(key.keyId);
    await expect(device.activate({ qr: created.activationQrCodeData, version: "3.3" })).rejects.toMatchObject({
      status: 400,
      body: standardError("ERR_TEMPORARY_KEY", "POWER_AUTH_TEMPORARY_KEY_FAILURE"),
    });
    device.forgetTemporaryKeys();
    expect((await device.activate({ qr: created.activationQrCodeData, version: "3.3" })).activationId).toBe(created.registrationId);
  });

  test("activation/create speaks the ERR_* dialect for what is not an activation", async ({ request }) => {
    const noHeader = await request.post("/pa/v3/activation/create", { data: { ephemeralPublicKey: "AAAA", encryptedData: "AAAA", mac: "AAAA" } });
    expect(await noHeader.json()).toEqual(standardError("ERR_ENCRYPTION", "POWER_AUTH_ENCRYPTION_FAILED"));
    const notObject = await request.post("/pa/v3/activation/create", { headers: { "Content-Type": "application/json" }, data: "[1,2]" });
    expect(notObject.status()).toBe(400);
    expect((await notObject.json()).responseObject.code).toBe("ERR_GENERIC");
    const wrongTypes = await request.post("/pa/v3/activation/create", { data: { ephemeralPublicKey: 1, encryptedData: "AAAA", mac: "AAAA" } });
    expect((await wrongTypes.json()).responseObject).toMatchObject({ code: "ERR_GENERIC", violations: [expect.objectContaining({ fieldName: "ephemeralPublicKey" })] });
    // A code nobody issued.
    const unknown = createActivationRequest({ app: decodeMobileSdkConfig(app.mobileSdkConfig), version: "3.1", activationCode: "AAAAA-AAAAA-AAAAA-AAAAA", now: Date.now() });
    const response = await request.post("/pa/v3/activation/create", { headers: { [ENCRYPTION_HEADER_NAME]: unknown.encryptionHeader }, data: unknown.body });
    expect(await response.json()).toEqual(standardError("ERR_ACTIVATION", "POWER_AUTH_ACTIVATION_INVALID"));
  });

  test("activation/status: the phone decrypts the blob and finds its counter; unknown activations get random bytes", async ({ request }) => {
    const created = await createRegistration(request, app);
    const device = phone(app);
    await device.activate({ qr: created.activationQrCodeData, version: "3.3" });
    expect((await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers })).status()).toBe(200);
    const fresh = device.state;
    expect(await device.status()).toMatchObject({ state: "ACTIVE", counterSync: "OK", needsSave: false, failedAttempts: 0, remainingAttempts: 5 });
    // Twelve signatures the server never saw: more than half the look-ahead window ahead.
    for (let i = 0; i < 12; i++) device.signHeaders({ method: "POST", uriId: "/pa/signature/validate", body: "{}", factors: "possession" });
    expect(await device.status()).toMatchObject({ state: "ACTIVE", counterSync: "CALCULATE_SIGNATURE", isSignatureCalculationRecommended: true });

    // A wrong knowledge signature counts, and the blob says so.
    const body = "{}";
    const signed = device.signHeaders({ method: "POST", uriId: "/pa/activation/remove", body: '{"other":1}', factors: "possession_knowledge" });
    const refused = await request.post("/pa/v3/activation/remove", { headers: { ...signed, "Content-Type": "application/json" }, data: body });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual(standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_INVALID"));
    const restored = new DeviceClient({ baseUrl: E2E.baseUrl, state: fresh });
    expect(await restored.status()).toMatchObject({ state: "ACTIVE", counterSync: "OK", failedAttempts: 1, remainingAttempts: 4 });

    const unknown = await request.post("/pa/v3/activation/status", { data: { requestObject: { activationId: crypto.randomUUID(), challenge: Buffer.alloc(16, 9).toString("base64") } } });
    const blob = (await unknown.json()).responseObject;
    expect(Buffer.from(blob.encryptedStatusBlob, "base64")).toHaveLength(32);
    expect(Buffer.from(blob.nonce, "base64")).toHaveLength(16);
    const malformed = await request.post("/pa/v3/activation/status", { data: { requestObject: { activationId: "nope" } } });
    expect((await malformed.json()).responseObject).toMatchObject({ code: "ERR_GENERIC", violations: [expect.objectContaining({ fieldName: "requestObject.activationId" })] });
  });

  test("activation/remove: signed with two factors the phone removes itself; unsigned or possession-only is refused", async ({ request }) => {
    const created = await createRegistration(request, app);
    const device = phone(app);
    await device.activate({ qr: created.activationQrCodeData, version: "3.2" });
    await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers });
    const unsigned = await request.post("/pa/v3/activation/remove", { data: {} });
    expect(unsigned.status()).toBe(401);
    expect(await unsigned.json()).toEqual(standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_INVALID"));
    await expect(device.remove("possession")).rejects.toMatchObject({ status: 401, body: standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_TYPE_INVALID") });
    expect(await device.remove("possession_biometry")).toEqual({ activationId: created.registrationId });
    const gone = await request.get(`/v2/registrations/${created.registrationId}`, { headers: app.headers });
    expect((await gone.json()).responseObject.code).toBe("ERROR_REGISTRATION_NOT_FOUND");
  });
});

test.describe("device simulator CLI", () => {
  test("activate, status, sign and remove from a state file, one JSON line each", async ({ request }) => {
    test.setTimeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-device-"));
    const state = path.join(dir, "phone.json");
    const device = async (...args: string[]) => {
      const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(root, "src/cli/device/index.ts"), ...args, "--state", state, "--url", E2E.baseUrl], { cwd: root });
      const lines = stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      return JSON.parse(lines[0]!) as Record<string, unknown>;
    };
    try {
      const created = await createRegistration(request, app, { userId: unique("cli-user") });
      const activated = await device("activate", "--app-config", app.mobileSdkConfig, "--qr", created.activationQrCodeData, "--version", "3.3");
      expect(activated).toMatchObject({ ok: true, command: "activate", activationId: created.registrationId, fingerprint: expect.stringMatching(/^\d{8}$/), version: "3.3" });
      expect(fs.statSync(state).mode & 0o077).toBe(0);
      await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers });
      expect(await device("status")).toMatchObject({ ok: true, command: "status", state: "ACTIVE", counterSync: "OK" });
      const signed = await device("sign", "--method", "post", "--uri-id", "/pa/signature/validate", "--body", "{}", "--factors", "possession,knowledge");
      expect(signed).toMatchObject({ ok: true, command: "sign", header: "X-PowerAuth-Authorization", value: expect.stringMatching(/^PowerAuth .*pa_signature_type="possession_knowledge"/) });
      expect(JSON.parse(fs.readFileSync(state, "utf8")).activation.counter).toBe(1);
      expect(await device("remove")).toEqual({ ok: true, command: "remove", activationId: created.registrationId });
      // Asking a removed phone: one JSON line, exit code 1.
      await expect(device("status")).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('"ok":false') });
      await expect(device("frobnicate")).rejects.toMatchObject({ code: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
