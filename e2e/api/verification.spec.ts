/**
 * Signature and token verification over HTTP against the running server, with phones simulated by
 * the device client (protocol 3.1, 3.2 and 3.3): the Cloud `/v2/signature/verify` and
 * `/v2/token/verify` with every factor set, many counter steps and the look-ahead window, failure
 * counting to BLOCKED and the reset on UNBLOCK, the same signature sent 50 times at once; the
 * mobile `/pa/v3/token/create|remove`, `/pa/v3/signature/validate` and `/pa/v3/vault/unlock`;
 * `GET /audit/log`; every documented error; and the `npm run device` token commands.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import type { APIRequestContext } from "@playwright/test";

import type { DeviceClient } from "@/cli/device/device-client";
import { buildDeviceTokenHeader, type ProtocolVersion, type SignatureType } from "@/powerauth/device";

import { E2E } from "../e2e-settings";
import { basic, createCredential, expect, test, unique } from "../fixtures";
import { root } from "../launcher";
import { createRegistration, errorBody, makeTestApp, phone, type TestApp } from "./registration-setup";

const run = promisify(execFile);
const UNAUTHORIZED = { status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } };
const standardError = (code: string, message: string) => ({ status: "ERROR", responseObject: { code, message } });
const VERSIONS: ProtocolVersion[] = ["3.1", "3.2", "3.3"];
const ALL_TYPES: SignatureType[] = ["possession", "knowledge", "biometry", "possession_knowledge", "possession_biometry", "possession_knowledge_biometry"];

let app: TestApp;
let otherApp: TestApp;

test.beforeAll(async ({ request }, workerInfo) => {
  const admin = await createCredential(`verify-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
  app = await makeTestApp(request, admin);
  otherApp = await makeTestApp(request, admin);
});

/** A registration activated by a simulated phone and committed by the bank. */
async function activePhone(request: APIRequestContext, version: ProtocolVersion = "3.3", body: Record<string, unknown> = {}) {
  const created = await createRegistration(request, app, body);
  const device = phone(app);
  await device.activate({ qr: created.activationQrCodeData, version });
  const commit = await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers, data: {} });
  expect(commit.status(), await commit.text()).toBe(200);
  return { device, ...created };
}

interface Signed {
  method: "GET" | "POST" | "PUT" | "DELETE";
  uriId: string;
  authHeader: string;
  requestBody: string | null;
  queryParams?: Record<string, string> | null;
}

function sign(device: DeviceClient, factors: SignatureType, body = '{"amount":"100.00","currency":"EUR"}', uriId = "/operation/authorize"): Signed {
  const header = device.signHeaders({ method: "POST", uriId, body, factors })["X-PowerAuth-Authorization"]!;
  return { method: "POST", uriId, authHeader: header, requestBody: Buffer.from(body).toString("base64") };
}

async function verifySignature(request: APIRequestContext, signed: Signed, target: TestApp = app) {
  const response = await request.post("/v2/signature/verify", { headers: target.headers, data: signed });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function verifyToken(request: APIRequestContext, authHeader: string, target: TestApp = app) {
  const response = await request.post("/v2/token/verify", { headers: target.headers, data: { authHeader } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

const tampered = (signed: Signed): Signed => ({ ...signed, requestBody: Buffer.from('{"amount":"999.00"}').toString("base64") });

test.describe("authentication of the backend endpoints", () => {
  test("verify and audit want the application's credential: 401 without or with a wrong one, 403 for admin scope", async ({ request, adminCredential }) => {
    const calls = [
      ["POST", "/v2/signature/verify"],
      ["POST", "/v2/token/verify"],
      ["GET", "/audit/log?userId=u"],
    ] as const;
    for (const [method, url] of calls) {
      for (const headers of [{}, basic({ username: app.credential.username, password: "wrong" })]) {
        const response = await request.fetch(url, { method, headers, ...(method === "POST" ? { data: {} } : {}) });
        expect(response.status(), `${method} ${url}`).toBe(401);
        expect(await response.json()).toEqual(UNAUTHORIZED);
      }
      expect((await request.fetch(url, { method, headers: basic(adminCredential), ...(method === "POST" ? { data: {} } : {}) })).status()).toBe(403);
    }
  });
});

test.describe("POST /v2/signature/verify", () => {
  for (const version of VERSIONS) {
    test(`protocol ${version}: every factor set, many counter steps, the look-ahead window`, async ({ request }) => {
      const { device, registrationId, userId } = await activePhone(request, version, { flags: ["FLAG_A"] });
      for (const type of ALL_TYPES) {
        expect(await verifySignature(request, sign(device, type))).toEqual({
          signatureValid: true,
          userId,
          registrationId,
          registrationStatus: "ACTIVE",
          signatureType: type.toUpperCase(),
          remainingAttempts: 5,
          flags: ["FLAG_A"],
          application: { name: app.id, roles: [] },
        });
      }
      // Thirty more steps, one after another.
      for (let step = 0; step < 30; step++) expect((await verifySignature(request, sign(device, ALL_TYPES[step % ALL_TYPES.length]!))).signatureValid).toBe(true);
      // The device ran 19 steps ahead (signatures never sent): the 20th is the last the window covers.
      for (let i = 0; i < 19; i++) sign(device, "possession");
      expect((await verifySignature(request, sign(device, "possession_knowledge"))).signatureValid).toBe(true);
      const status = await request.get(`/v2/registrations/${registrationId}`, { headers: app.headers });
      expect(await status.json()).toMatchObject({ registrationStatus: "ACTIVE" });
      // A GET signs its canonical query string: the backend passes the parameters as a map.
      const query = { to: "2026-12-31", from: "2026-01-01", q: "a b" };
      const header = device.signHeaders({ method: "GET", uriId: "/payments/list", query, factors: "possession" })["X-PowerAuth-Authorization"]!;
      expect((await verifySignature(request, { method: "GET", uriId: "/payments/list", authHeader: header, requestBody: null, queryParams: query })).signatureValid).toBe(true);
    });
  }

  test("a device ahead beyond the window no longer verifies", async ({ request }) => {
    const { device } = await activePhone(request, "3.3");
    for (let i = 0; i < 20; i++) sign(device, "possession");
    expect(await verifySignature(request, sign(device, "possession"))).toMatchObject({ signatureValid: false, remainingAttempts: 5 });
  });

  test("wrong signatures count (not possession ones), block at the maximum, and UNBLOCK resets the count", async ({ request }) => {
    const { device, registrationId } = await activePhone(request, "3.2");
    expect(await verifySignature(request, tampered(sign(device, "possession")))).toMatchObject({ signatureValid: false, remainingAttempts: 5 });
    for (let failures = 1; failures <= 4; failures++) {
      const type = failures % 2 ? "possession_knowledge" : "possession_biometry";
      expect(await verifySignature(request, tampered(sign(device, type)))).toMatchObject({ signatureValid: false, registrationStatus: "ACTIVE", remainingAttempts: 5 - failures });
    }
    expect(await verifySignature(request, tampered(sign(device, "possession_knowledge")))).toMatchObject({ signatureValid: false, registrationStatus: "BLOCKED", remainingAttempts: 0 });
    const blocked = await (await request.get(`/v2/registrations/${registrationId}`, { headers: app.headers })).json();
    expect(blocked).toMatchObject({ registrationStatus: "BLOCKED" });
    // Blocked: a right signature is refused, and not counted.
    expect(await verifySignature(request, sign(device, "possession_knowledge"))).toMatchObject({ signatureValid: false, registrationStatus: "BLOCKED" });

    const unblock = await request.put(`/v2/registrations/${registrationId}`, { headers: app.headers, data: { change: "UNBLOCK" } });
    expect(unblock.status()).toBe(200);
    expect(await verifySignature(request, sign(device, "possession_knowledge"))).toMatchObject({ signatureValid: true, registrationStatus: "ACTIVE", remainingAttempts: 5 });
    // A valid knowledge signature resets failures; a valid possession one does not.
    await verifySignature(request, tampered(sign(device, "possession_knowledge")));
    expect(await verifySignature(request, sign(device, "possession"))).toMatchObject({ signatureValid: true, remainingAttempts: 4 });
    expect(await verifySignature(request, sign(device, "possession_knowledge"))).toMatchObject({ signatureValid: true, remainingAttempts: 5 });
  });

  test("the same valid signature sent 50 times at once is valid exactly once", async ({ playwright }) => {
    const context = await playwright.request.newContext({ baseURL: E2E.baseUrl });
    try {
      const { device } = await activePhone(context, "3.3");
      // Possession: the 49 duplicates are wrong signatures, which for any other type would count
      // (and block the registration at the fifth, as the reference does).
      const signed = sign(device, "possession");
      const answers = await Promise.all(Array.from({ length: 50 }, () => verifySignature(context, signed)));
      expect(answers.filter((answer) => answer.signatureValid === true)).toHaveLength(1);
      // The duplicates moved nothing: the next signature is the next counter step.
      expect(await verifySignature(context, sign(device, "possession_knowledge"))).toMatchObject({ signatureValid: true, remainingAttempts: 5 });
      // The same with knowledge: one valid, the failures block the registration.
      const knowledge = sign(device, "possession_knowledge");
      const storm = await Promise.all(Array.from({ length: 50 }, () => verifySignature(context, knowledge)));
      expect(storm.filter((answer) => answer.signatureValid === true)).toHaveLength(1);
      expect(storm.filter((answer) => answer.registrationStatus === "BLOCKED").length).toBeGreaterThanOrEqual(45);
    } finally {
      await context.dispose();
    }
  });

  test("another application's registration, and an unknown one, are reported as REMOVED", async ({ request }) => {
    const { device, registrationId } = await activePhone(request);
    expect(await verifySignature(request, sign(device, "possession"), otherApp)).toEqual({
      signatureValid: false,
      userId: null,
      registrationId,
      registrationStatus: "REMOVED",
      signatureType: "POSSESSION",
      remainingAttempts: 0,
      flags: [],
      application: { name: otherApp.id, roles: [] },
    });
    const unknown = sign(device, "possession").authHeader.replace(registrationId, crypto.randomUUID());
    expect(await verifySignature(request, { ...sign(device, "possession"), authHeader: unknown })).toMatchObject({ signatureValid: false, registrationStatus: "REMOVED" });
    // The phone's own registration was not touched by either.
    expect((await verifySignature(request, sign(device, "possession_knowledge"))).signatureValid).toBe(true);
  });

  test("a malformed header is ERROR_SIGNATURE_INVALID; a malformed request is ERROR_REQUEST", async ({ request }) => {
    const { device } = await activePhone(request);
    const good = sign(device, "possession");
    const malformed = [
      "Bearer abc",
      good.authHeader.replace(/pa_version="[^"]+"/, 'pa_version="2.1"'),
      good.authHeader.replace(/pa_signature_type="[^"]+"/, 'pa_signature_type="face"'),
      good.authHeader.replace(/pa_nonce="[^"]+"/, 'pa_nonce="abc"'),
      good.authHeader.replace(/pa_activation_id="[^"]+"/, 'pa_activation_id="not-a-uuid"'),
    ];
    for (const authHeader of malformed) {
      const response = await request.post("/v2/signature/verify", { headers: app.headers, data: { ...good, authHeader } });
      expect(response.status(), authHeader).toBe(400);
      expect(await response.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_SIGNATURE_INVALID", message: "Signature HTTP header validation failed" } });
    }
    const invalid = [
      [{ uriId: "/x", authHeader: good.authHeader }, "method"],
      [{ method: "PATCH", uriId: "/x", authHeader: good.authHeader }, "method"],
      [{ method: "POST", authHeader: good.authHeader }, "uriId"],
      [{ method: "POST", uriId: "/x" }, "authHeader"],
      [{ method: "POST", uriId: "/x", authHeader: good.authHeader, requestBody: "not base64!" }, "requestBody"],
      [{ method: "GET", uriId: "/x", authHeader: good.authHeader, queryParams: { a: 1 } }, "queryParams.a"],
    ] as const;
    for (const [data, field] of invalid) {
      const response = await request.post("/v2/signature/verify", { headers: app.headers, data });
      expect(response.status()).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject(errorBody("ERROR_REQUEST"));
      expect(body.responseObject.violations.map((violation: { fieldName: string }) => violation.fieldName)).toContain(field);
    }
    const notJson = await request.post("/v2/signature/verify", { headers: { ...app.headers, "Content-Type": "application/json" }, data: "{nope" });
    expect(notJson.status()).toBe(400);
    expect(await notJson.json()).toMatchObject(errorBody("ERROR_REQUEST"));
  });
});

test.describe("tokens", () => {
  for (const version of VERSIONS) {
    test(`protocol ${version}: create over ECIES, verify once, replay, wrong digest, stale, removed`, async ({ request }) => {
      const { device, registrationId, userId } = await activePhone(request, version);
      const token = await device.createToken({ factors: "possession_knowledge" });
      expect(token).toMatchObject({ name: "possession_universal", tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/), signatureType: "possession_knowledge" });
      const header = device.tokenHeader()["X-PowerAuth-Token"]!;
      expect(await verifyToken(request, header)).toEqual({
        tokenValid: true,
        userId,
        registrationId,
        registrationStatus: "ACTIVE",
        signatureType: "POSSESSION_KNOWLEDGE",
        flags: [],
        application: { name: app.id, roles: [] },
      });
      expect(await verifyToken(request, header)).toMatchObject({ tokenValid: false, registrationId });

      const wrong = buildDeviceTokenHeader(device.activation, { tokenId: token.tokenId, tokenSecret: Buffer.alloc(16, 1).toString("base64") }, { nowMs: Date.now() });
      expect(await verifyToken(request, wrong.headerValue)).toMatchObject({ tokenValid: false });
      expect(await verifyToken(request, device.tokenHeader({ nowMs: Date.now() - 2 * 3600_000 - 60_000 })["X-PowerAuth-Token"]!)).toMatchObject({ tokenValid: false });
      expect(await verifyToken(request, device.tokenHeader({ nowMs: Date.now() + 31 * 60_000 })["X-PowerAuth-Token"]!)).toMatchObject({ tokenValid: false });
      expect(await verifyToken(request, device.tokenHeader({ nowMs: Date.now() - 3600_000 })["X-PowerAuth-Token"]!)).toMatchObject({ tokenValid: true });
      // Another application's credential does not see the token.
      expect(await verifyToken(request, device.tokenHeader()["X-PowerAuth-Token"]!, otherApp)).toMatchObject({ tokenValid: false, registrationId: null, userId: null });

      const possession = await device.createToken({ name: "second", factors: "possession" });
      expect((await verifyToken(request, device.tokenHeader({ name: "second" })["X-PowerAuth-Token"]!)).signatureType).toBe("POSSESSION");
      const beforeRemoval = device.tokenHeader()["X-PowerAuth-Token"]!;
      expect(await device.removeToken()).toEqual({ tokenId: token.tokenId });
      expect(await verifyToken(request, beforeRemoval)).toMatchObject({ tokenValid: false, registrationId: null });
      expect(Object.keys(device.state.tokens ?? {})).toEqual(["second"]);
      expect(possession.tokenId).not.toBe(token.tokenId);
    });
  }

  test("token create refuses types without possession, and a bad body; remove touches only the caller's own tokens", async ({ request }) => {
    const mine = await activePhone(request);
    const theirs = await activePhone(request);
    await expect(mine.device.createToken({ factors: "knowledge" })).rejects.toMatchObject({ status: 401, body: standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_TYPE_INVALID") });
    const theirToken = await theirs.device.createToken();
    expect(await mine.device.removeToken({ tokenId: theirToken.tokenId })).toEqual({ tokenId: theirToken.tokenId });
    expect((await verifyToken(request, theirs.device.tokenHeader()["X-PowerAuth-Token"]!)).tokenValid).toBe(true);

    const unsigned = await request.post("/pa/v3/token/create", { data: { ephemeralPublicKey: "AAAA", encryptedData: "AAAA", mac: "AAAA" } });
    expect(unsigned.status()).toBe(401);
    expect(await unsigned.json()).toEqual(standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_INVALID"));
    // Signed, but not an ECIES body the server can open.
    const body = JSON.stringify({ ephemeralPublicKey: "AAAA", encryptedData: "AAAA", mac: "AAAA", nonce: "AAAAAAAAAAAAAAAAAAAAAA==", timestamp: Date.now() });
    const headers = mine.device.signHeaders({ method: "POST", uriId: "/pa/token/create", body, factors: "possession" });
    const garbage = await request.post("/pa/v3/token/create", { headers: { ...headers, "Content-Type": "application/json" }, data: body });
    expect(garbage.status()).toBe(400);
    expect(await garbage.json()).toEqual(standardError("ERR_ENCRYPTION", "POWER_AUTH_ENCRYPTION_FAILED"));
    // Remove with a body that is not a token ID: the ERR_* validation error.
    const badRemove = '{"requestObject":{"tokenId":"nope"}}';
    const removeHeaders = mine.device.signHeaders({ method: "POST", uriId: "/pa/token/remove", body: badRemove, factors: "possession" });
    const refused = await request.post("/pa/v3/token/remove", { headers: { ...removeHeaders, "Content-Type": "application/json" }, data: badRemove });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).responseObject).toMatchObject({ code: "ERR_GENERIC", violations: [expect.objectContaining({ fieldName: "requestObject.tokenId" })] });
  });

  test("a token of a blocked registration is not valid; a malformed token header is ERROR_TOKEN_INVALID", async ({ request }) => {
    const { device, registrationId } = await activePhone(request, "3.2");
    await device.createToken();
    await request.put(`/v2/registrations/${registrationId}`, { headers: app.headers, data: { change: "BLOCK", blockReason: "LOST" } });
    expect(await verifyToken(request, device.tokenHeader()["X-PowerAuth-Token"]!)).toMatchObject({ tokenValid: false, registrationStatus: "BLOCKED" });
    const good = device.tokenHeader()["X-PowerAuth-Token"]!;
    for (const authHeader of ["PowerAuth", good.replace(/version="[^"]+"/, 'version="4.0"'), good.replace(/timestamp="[^"]+"/, 'timestamp="soon"'), good.replace(/token_digest="[^"]+"/, 'token_digest="AAAA"')]) {
      const response = await request.post("/v2/token/verify", { headers: app.headers, data: { authHeader } });
      expect(response.status(), authHeader).toBe(400);
      expect(await response.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_TOKEN_INVALID", message: "Token HTTP header validation failed" } });
    }
    const missing = await request.post("/v2/token/verify", { headers: app.headers, data: {} });
    expect(missing.status()).toBe(400);
    expect((await missing.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "authHeader", hint: "must not be null" })] });
  });
});

test.describe("signature validate and the secure vault", () => {
  test("/pa/v3/signature/validate answers OK for a valid signature with every method, 401 otherwise", async ({ request }) => {
    const { device } = await activePhone(request, "3.1");
    expect(await device.validateSignature()).toEqual({ status: "OK" });
    for (const method of ["PUT", "DELETE"] as const) {
      const body = '{"x":1}';
      const headers = device.signHeaders({ method, uriId: "/pa/signature/validate", body, factors: "possession_biometry" });
      const response = await request.fetch("/pa/v3/signature/validate", { method, headers: { ...headers, "Content-Type": "application/json" }, data: body });
      expect(response.status(), method).toBe(200);
      expect(await response.json()).toEqual({ status: "OK" });
    }
    const getHeaders = device.signHeaders({ method: "GET", uriId: "/pa/signature/validate", query: "b=2&a=1", factors: "possession" });
    const get = await request.get("/pa/v3/signature/validate?b=2&a=1", { headers: getHeaders });
    expect(get.status()).toBe(200);
    const wrong = device.signHeaders({ method: "POST", uriId: "/pa/signature/validate", body: "{}", factors: "possession_knowledge" });
    const refused = await request.post("/pa/v3/signature/validate", { headers: { ...wrong, "Content-Type": "application/json" }, data: '{"other":true}' });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual(standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_INVALID"));
    await expect(device.validateSignature({ factors: "knowledge" })).rejects.toMatchObject({ status: 401, body: standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_TYPE_INVALID") });
  });

  for (const version of VERSIONS) {
    test(`protocol ${version}: vault unlock gives this activation's vault key`, async ({ request }) => {
      const { device } = await activePhone(request, version);
      const first = await device.unlockVault();
      expect(first.vaultEncryptionKey).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(await device.unlockVault({ reason: "ADD_BIOMETRY" })).toEqual(first);
    });
  }

  test("vault unlock wants possession and knowledge and a well-formed reason", async ({ request }) => {
    const { device, registrationId } = await activePhone(request);
    for (const factors of ["possession", "possession_biometry", "possession_knowledge_biometry"] as const) {
      await expect(device.unlockVault({ factors })).rejects.toMatchObject({ status: 401, body: standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_TYPE_INVALID") });
    }
    await expect(device.unlockVault({ reason: "no spaces allowed" })).rejects.toMatchObject({ status: 400, body: standardError("ERR_SECURE_VAULT", "POWER_AUTH_SECURE_VAULT_INVALID") });
    await request.put(`/v2/registrations/${registrationId}`, { headers: app.headers, data: { change: "BLOCK" } });
    await expect(device.unlockVault()).rejects.toMatchObject({ status: 401, body: standardError("ERR_AUTHENTICATION", "POWER_AUTH_SIGNATURE_INVALID") });
  });
});

test.describe("GET /audit/log", () => {
  test("the user's signature, token and status events, newest first, in the documented shape, filtered by time", async ({ request }) => {
    const { device, registrationId, userId } = await activePhone(request);
    const start = Date.now();
    const body = '{"requestObject":{"id":"op-1"}}';
    await verifySignature(request, sign(device, "possession_knowledge", body, "/operation/authorize"));
    await device.createToken();
    await verifyToken(request, device.tokenHeader()["X-PowerAuth-Token"]!);
    await request.put(`/v2/registrations/${registrationId}`, { headers: app.headers, data: { change: "BLOCK", blockReason: "FRAUD" } });
    // A second registration of the same user shows up too.
    const second = await activePhone(request, "3.2", { userId });

    const response = await request.get(`/audit/log?userId=${encodeURIComponent(userId)}`, { headers: app.headers });
    expect(response.status()).toBe(200);
    const { items } = (await response.json()) as { items: { activationId: string; eventType: string; eventData: string; timestamp: number }[] };
    for (const item of items) expect(Object.keys(item).sort()).toEqual(["activationId", "eventData", "eventType", "timestamp"]);
    expect(items.every((item, index) => index === 0 || items[index - 1]!.timestamp >= item.timestamp)).toBe(true);
    expect(new Set(items.map((item) => item.activationId))).toEqual(new Set([registrationId, second.registrationId]));
    const mine = items.filter((item) => item.activationId === registrationId);
    expect(mine.map((item) => item.eventType)).toEqual([
      "registration_blocked",
      "token_ok",
      "signature_ok", // the token create request's signature
      "signature_ok",
      "registration_active",
      "registration_pending_commit",
      "registration_created",
    ]);
    expect(mine[0]!.eventData).toBe("ACTIVE -> BLOCKED (FRAUD) by CREDENTIAL");
    expect(mine[1]!.eventData).toBe(`token ${device.token().tokenId}`);
    expect(mine[3]!.eventData).toBe(`POST\n/operation/authorize\n${body}`);

    const window = await request.get(`/audit/log?userId=${encodeURIComponent(userId)}&timestampFrom=${start}&timestampTo=${Date.now()}`, { headers: app.headers });
    const windowed = ((await window.json()) as { items: { eventType: string; timestamp: number }[] }).items;
    expect(windowed.every((item) => item.timestamp >= start)).toBe(true);
    expect(windowed).toHaveLength(items.filter((item) => item.timestamp >= start).length);
    expect(windowed.length).toBeLessThan(items.length);
    const old = await request.get(`/audit/log?userId=${encodeURIComponent(userId)}&timestampTo=${start - 60_000}`, { headers: app.headers });
    expect((await old.json()).items).toEqual([]);
    // Another application's credential: that user does not exist there.
    const elsewhere = await request.get(`/audit/log?userId=${encodeURIComponent(userId)}`, { headers: otherApp.headers });
    expect(elsewhere.status()).toBe(400);
    expect(await elsewhere.json()).toMatchObject(errorBody("ERROR_AUDIT"));
  });

  test("invalid dates and unknown users are ERROR_AUDIT; a missing userId is ERROR_REQUEST", async ({ request }) => {
    const { userId } = await activePhone(request);
    for (const query of ["timestampFrom=yesterday", "timestampTo=-1", "timestampFrom=2000&timestampTo=1000", "from=abc"]) {
      const response = await request.get(`/audit/log?userId=${encodeURIComponent(userId)}&${query}`, { headers: app.headers });
      expect(response.status(), query).toBe(400);
      expect(await response.json()).toMatchObject(errorBody("ERROR_AUDIT"));
    }
    const unknown = await request.get(`/audit/log?userId=${unique("nobody")}`, { headers: app.headers });
    expect(unknown.status()).toBe(400);
    expect(await unknown.json()).toMatchObject(errorBody("ERROR_AUDIT"));
    const missing = await request.get("/audit/log", { headers: app.headers });
    expect(missing.status()).toBe(400);
    expect((await missing.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "userId" })] });
  });
});

test.describe("device simulator CLI", () => {
  test("token create, use (verified by the backend API) and remove; sign verified by the backend API; vault unlock", async ({ request }) => {
    test.setTimeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-device-token-"));
    const state = path.join(dir, "phone.json");
    const device = async (...args: string[]) => {
      const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(root, "src/cli/device/index.ts"), ...args, "--state", state, "--url", E2E.baseUrl], { cwd: root });
      const lines = stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      return JSON.parse(lines[0]!) as Record<string, unknown>;
    };
    const credential = `${app.credential.username}:${app.credential.password}`;
    try {
      const created = await createRegistration(request, app, { userId: unique("cli-token-user") });
      await device("activate", "--app-config", app.mobileSdkConfig, "--qr", created.activationQrCodeData, "--version", "3.3");
      await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers });
      const token = await device("token", "create", "--factors", "possession");
      expect(token).toMatchObject({ ok: true, command: "token", action: "create", name: "possession_universal", tokenId: expect.any(String), signatureType: "possession" });
      expect(JSON.parse(fs.readFileSync(state, "utf8")).tokens.possession_universal.tokenId).toBe(token.tokenId);
      const used = await device("token", "use", "--verify-credential", credential);
      expect(used).toMatchObject({ ok: true, command: "token", action: "use", header: "X-PowerAuth-Token", verification: { status: 200, body: { tokenValid: true, registrationId: created.registrationId } } });
      const signed = await device("sign", "--method", "POST", "--uri-id", "/operation/authorize", "--body", '{"id":"1"}', "--factors", "possession,knowledge", "--verify-credential", credential);
      expect(signed).toMatchObject({ ok: true, verification: { status: 200, body: { signatureValid: true, signatureType: "POSSESSION_KNOWLEDGE" } } });
      const query = await device("sign", "--method", "GET", "--uri-id", "/list", "--query", "page=2&size=10", "--factors", "possession", "--verify-credential", credential);
      expect(query).toMatchObject({ ok: true, verification: { body: { signatureValid: true } } });
      expect(await device("vault", "unlock")).toMatchObject({ ok: true, command: "vault", action: "unlock", unlocked: true });
      expect(await device("token", "remove")).toEqual({ ok: true, command: "token", action: "remove", name: "possession_universal", tokenId: token.tokenId });
      await expect(device("token", "use")).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining("no token named") });
      await expect(device("token", "frobnicate")).rejects.toMatchObject({ code: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
