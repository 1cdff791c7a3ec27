/**
 * The verification services through real activations (the simulator talks to the product's REST
 * routes in this process): tokens created over /pa/v3/token/create and checked by the Cloud
 * verify service (valid, wrong digest, replayed, stale, removed, another application's), token
 * removal limited to the caller's own tokens, the secure vault, the Cloud signature verify with a
 * body and with query parameters, and the audit log's shape, order, window and errors.
 */
import { describe, expect, it } from "vitest";

import { DeviceApiError } from "@/cli/device/device-client";
import { buildDeviceTokenHeader } from "@/powerauth/device";
import { db } from "@/server/db";
import { makeActiveRegistration, makeApplication, testActor } from "@/server/testing/factories";

import { changeRegistrationStatus } from "../registrations/change-registration-status";
import { AUDIT_LOG_LIMIT, getAuditLog } from "./get-audit-log";
import { verifySignatureRequest } from "./verify-signature-request";
import { verifyTokenRequest } from "./verify-token-request";

const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a rejection"); }, (error: unknown) => error);

describe("tokens", () => {
  it.each(["3.3", "3.2", "3.1", "3.0"] as const)("creates a token over ECIES (%s) that verifies once, bound to its signature type", async (version) => {
    const { device, registrationId, app, userId } = await makeActiveRegistration({ version });
    const token = await device.createToken({ factors: "possession_knowledge" });
    expect(await db.token.findUniqueOrThrow({ where: { id: token.tokenId }, select: { registrationId: true, signatureType: true } })).toEqual({
      registrationId,
      signatureType: "possession_knowledge",
    });
    const header = device.tokenHeader()["X-PowerAuth-Token"]!;
    expect(await verifyTokenRequest({ applicationId: app.id, authHeader: header })).toEqual({
      tokenValid: true,
      userId,
      registrationId,
      registrationStatus: "ACTIVE",
      signatureType: "POSSESSION_KNOWLEDGE",
      flags: [],
      application: { name: app.id, roles: [] },
    });
    // The same header again is a replay.
    expect((await verifyTokenRequest({ applicationId: app.id, authHeader: header })).tokenValid).toBe(false);
  });

  it("refuses a wrong digest, a stale or future timestamp, another application's token and a removed token", async () => {
    const { device, app } = await makeActiveRegistration();
    const other = await makeApplication(["R1"]);
    await device.createToken();
    const token = device.token();
    const wrongSecret = buildDeviceTokenHeader(device.activation, { tokenId: token.tokenId, tokenSecret: Buffer.alloc(16, 7).toString("base64") }, { nowMs: Date.now() }).headerValue;
    expect((await verifyTokenRequest({ applicationId: app.id, authHeader: wrongSecret })).tokenValid).toBe(false);
    const stale = device.tokenHeader({ nowMs: Date.now() - 2 * 3600_000 - 60_000 })["X-PowerAuth-Token"]!;
    expect((await verifyTokenRequest({ applicationId: app.id, authHeader: stale })).tokenValid).toBe(false);
    const future = device.tokenHeader({ nowMs: Date.now() + 31 * 60_000 })["X-PowerAuth-Token"]!;
    expect((await verifyTokenRequest({ applicationId: app.id, authHeader: future })).tokenValid).toBe(false);
    expect(await verifyTokenRequest({ applicationId: other.id, authHeader: device.tokenHeader()["X-PowerAuth-Token"]! })).toEqual({
      tokenValid: false,
      userId: null,
      registrationId: null,
      registrationStatus: "REMOVED",
      signatureType: null,
      flags: [],
      application: { name: other.id, roles: ["R1"] },
    });
    const notes = await db.signatureEvent.findMany({ where: { kind: "TOKEN", registrationId: device.activation.activationId }, orderBy: { id: "asc" }, select: { note: true, data: true } });
    expect(notes.map((event) => event.note)).toEqual(["token_digest_mismatch", "token_timestamp_invalid", "token_timestamp_invalid"]);
    expect(new Set(notes.map((event) => event.data))).toEqual(new Set([`token ${token.tokenId}`]));

    const header = device.tokenHeader()["X-PowerAuth-Token"]!;
    expect(await device.removeToken()).toEqual({ tokenId: token.tokenId });
    expect(device.state.tokens).toEqual({});
    expect((await verifyTokenRequest({ applicationId: app.id, authHeader: header })).tokenValid).toBe(false);
  });

  it("keeps at most 100 tokens per registration", async () => {
    const { device } = await makeActiveRegistration({ version: "3.2" });
    for (let i = 0; i < 100; i++) await device.createToken({ name: `t${i}` });
    expect(await rejection(device.createToken({ name: "one-too-many" }))).toMatchObject({ status: 400, body: { responseObject: { code: "ERR_GENERIC", message: "POWER_AUTH_TOKEN_LIMIT_REACHED" } } });
    await device.removeToken({ name: "t0" });
    expect((await device.createToken({ name: "again" })).tokenId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("removes only the caller's own token", async () => {
    const first = await makeActiveRegistration();
    const second = await makeActiveRegistration();
    const theirs = await second.device.createToken();
    expect(await first.device.removeToken({ tokenId: theirs.tokenId })).toEqual({ tokenId: theirs.tokenId });
    expect(await db.token.count({ where: { id: theirs.tokenId } })).toBe(1);
  });

  it("reports a malformed header as ERROR_TOKEN_INVALID and reports a token of a blocked registration as not valid", async () => {
    const { device, app, registrationId } = await makeActiveRegistration();
    expect(await rejection(verifyTokenRequest({ applicationId: app.id, authHeader: "PowerAuth version=\"3.3\"" }))).toMatchObject({ code: "ERROR_TOKEN_INVALID" });
    await device.createToken();
    await changeRegistrationStatus({ actor: testActor, registrationId, change: "BLOCK", blockReason: "TEST" });
    expect(await verifyTokenRequest({ applicationId: app.id, authHeader: device.tokenHeader()["X-PowerAuth-Token"]! })).toMatchObject({ tokenValid: false, registrationStatus: "BLOCKED" });
  });
});

describe("secure vault and signature validation", () => {
  it.each(["3.3", "3.2", "3.1"] as const)("unlocks the vault (%s) with possession and knowledge", async (version) => {
    const { device } = await makeActiveRegistration({ version });
    expect((await device.unlockVault()).vaultEncryptionKey).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect((await device.unlockVault({ reason: null })).vaultEncryptionKey).toMatch(/==$/);
  });

  it("refuses biometry (off by default), possession alone and a bad reason", async () => {
    const { device } = await makeActiveRegistration();
    const biometry = await rejection(device.unlockVault({ factors: "possession_biometry" }));
    expect(biometry).toBeInstanceOf(DeviceApiError);
    expect(biometry).toMatchObject({ status: 401, body: { status: "ERROR", responseObject: { code: "ERR_AUTHENTICATION", message: "POWER_AUTH_SIGNATURE_TYPE_INVALID" } } });
    expect(await rejection(device.unlockVault({ factors: "possession" }))).toMatchObject({ status: 401 });
    expect(await rejection(device.unlockVault({ reason: "x" }))).toMatchObject({ status: 400, body: { responseObject: { code: "ERR_SECURE_VAULT", message: "POWER_AUTH_SECURE_VAULT_INVALID" } } });
  });

  it("answers OK for a valid signature and 401 for a wrong one", async () => {
    const { device } = await makeActiveRegistration();
    expect(await device.validateSignature()).toEqual({ status: "OK" });
    const headers = device.signHeaders({ method: "POST", uriId: "/pa/signature/validate", body: "{}", factors: "possession" });
    expect(await rejection(device.post("/pa/v3/signature/validate", '{"changed":true}', headers))).toMatchObject({ status: 401, body: { responseObject: { code: "ERR_AUTHENTICATION" } } });
  });
});

describe("POST /v2/signature/verify", () => {
  it("verifies a body and a GET's query parameters, counts failures and answers for unknown registrations", async () => {
    const { device, app, registrationId, userId } = await makeActiveRegistration({ flags: ["F1"] });
    const body = '{"amount":"1.00"}';
    const header = device.signHeaders({ method: "POST", uriId: "/operation/authorize", body, factors: "possession_knowledge" })["X-PowerAuth-Authorization"]!;
    const request = { method: "POST" as const, uriId: "/operation/authorize", authHeader: header, requestBody: Buffer.from(body).toString("base64") };
    expect(await verifySignatureRequest({ actor: testActor, applicationId: app.id, request })).toEqual({
      signatureValid: true,
      userId,
      registrationId,
      registrationStatus: "ACTIVE",
      signatureType: "POSSESSION_KNOWLEDGE",
      remainingAttempts: 5,
      flags: ["F1"],
      application: { name: app.id, roles: [] },
    });
    expect(await verifySignatureRequest({ actor: testActor, applicationId: app.id, request })).toMatchObject({ signatureValid: false, remainingAttempts: 4 });

    const query = device.signHeaders({ method: "GET", uriId: "/account/list", query: { b: "2", a: "one two" }, factors: "possession" })["X-PowerAuth-Authorization"]!;
    expect(
      (await verifySignatureRequest({ actor: testActor, applicationId: app.id, request: { method: "GET", uriId: "/account/list", authHeader: query, requestBody: null, queryParams: { a: "one two", b: "2" } } })).signatureValid,
    ).toBe(true);

    const other = await makeApplication();
    const foreign = device.signHeaders({ method: "POST", uriId: "/x", body: "", factors: "possession" })["X-PowerAuth-Authorization"]!;
    expect(await verifySignatureRequest({ actor: testActor, applicationId: other.id, request: { method: "POST", uriId: "/x", authHeader: foreign } })).toEqual({
      signatureValid: false,
      userId: null,
      registrationId,
      registrationStatus: "REMOVED",
      signatureType: "POSSESSION",
      remainingAttempts: 0,
      flags: [],
      application: { name: other.id, roles: [] },
    });
    expect(await rejection(verifySignatureRequest({ actor: testActor, applicationId: app.id, request: { method: "POST", uriId: "/x", authHeader: "PowerAuth pa_version=\"9.9\"" } }))).toMatchObject({
      code: "ERROR_SIGNATURE_INVALID",
      message: "Signature HTTP header validation failed",
    });
  });
});

describe("GET /audit/log", () => {
  it("merges signature, token and status events of the user's registrations, newest first, within the window", async () => {
    const { device, app, registrationId, userId } = await makeActiveRegistration();
    const before = Date.now();
    const body = "{}";
    const header = device.signHeaders({ method: "POST", uriId: "/operation/authorize", body, factors: "possession_knowledge" })["X-PowerAuth-Authorization"]!;
    await verifySignatureRequest({ actor: testActor, applicationId: app.id, request: { method: "POST", uriId: "/operation/authorize", authHeader: header, requestBody: Buffer.from(body).toString("base64") } });
    await changeRegistrationStatus({ actor: testActor, registrationId, change: "BLOCK", blockReason: "LOST" });

    const { items } = await getAuditLog({ applicationId: app.id, userId });
    expect(items[0]).toEqual({ activationId: registrationId, eventType: "registration_blocked", eventData: "ACTIVE -> BLOCKED (LOST) by CLI", timestamp: expect.any(Number) });
    expect(items[1]).toEqual({ activationId: registrationId, eventType: "signature_ok", eventData: "POST\n/operation/authorize\n{}", timestamp: expect.any(Number) });
    expect(items.map((item) => item.eventType).slice(2)).toEqual(["registration_active", "registration_pending_commit", "registration_created"]);
    expect(items.every((item, index) => index === 0 || items[index - 1]!.timestamp >= item.timestamp)).toBe(true);

    const recent = await getAuditLog({ applicationId: app.id, userId, timestampFrom: String(before) });
    expect(recent.items.map((item) => item.eventType)).toEqual(["registration_blocked", "signature_ok"]);
    expect((await getAuditLog({ applicationId: app.id, userId, timestampTo: String(before - 1) })).items.map((item) => item.eventType)).not.toContain("signature_ok");
    // Another application's credential sees nothing of this user.
    const other = await makeApplication();
    expect(await rejection(getAuditLog({ applicationId: other.id, userId }))).toMatchObject({ code: "ERROR_AUDIT" });
  });

  it("returns at most AUDIT_LOG_LIMIT items, the newest", async () => {
    const { device, app, userId } = await makeActiveRegistration();
    // Wrong possession signatures: recorded, never counted, never blocking.
    const header = device.signHeaders({ method: "POST", uriId: "/x", body: "signed", factors: "possession" })["X-PowerAuth-Authorization"]!;
    const request = { method: "POST" as const, uriId: "/x", authHeader: header, requestBody: Buffer.from("sent").toString("base64") };
    for (let i = 0; i < AUDIT_LOG_LIMIT; i++) await verifySignatureRequest({ actor: testActor, applicationId: app.id, request });
    const { items } = await getAuditLog({ applicationId: app.id, userId });
    expect(items).toHaveLength(AUDIT_LOG_LIMIT);
    expect(items.every((item) => item.eventType === "signature_does_not_match")).toBe(true);
  });

  it("refuses invalid dates and unknown users with ERROR_AUDIT", async () => {
    const { app, userId } = await makeActiveRegistration();
    for (const input of [{ timestampFrom: "yesterday" }, { timestampTo: "-5" }, { timestampFrom: "2000", timestampTo: "1000" }]) {
      expect(await rejection(getAuditLog({ applicationId: app.id, userId, ...input }))).toMatchObject({ code: "ERROR_AUDIT" });
    }
    expect(await rejection(getAuditLog({ applicationId: app.id, userId: "nobody" }))).toMatchObject({ code: "ERROR_AUDIT", message: "Unable to obtain an audit log information. No such user." });
  });
});
