/**
 * Operations over HTTP against the running server, with simulated phones: templates (admin REST
 * route and CLI), the Cloud operations API (create, status, cancel, offline QR and OTP in all three
 * formats), the Mobile Token API (list, detail, history, approve, reject), expiry, failure by too
 * many wrong attempts, the internal callback, the device CLI, and every documented error.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import type { APIRequestContext } from "@playwright/test";

import type { DeviceClient } from "@/cli/device/device-client";

import { E2E } from "../e2e-settings";
import { basic, cli, createCredential, expect, test, unique, type CliCredential } from "../fixtures";
import { root } from "../launcher";
import { createRegistration, errorBody, makeTestApp, phone, type TestApp } from "./registration-setup";

const run = promisify(execFile);
const PAYMENT = { amount: "1492.50", currency: "EUR", iban: "CZ2730300000001165254011" };
const MISSING = "6f1c1a52-3b0e-4d8e-9a52-1d6f3c0b9e11";

let admin: CliCredential;
let app: TestApp;

test.beforeAll(async ({ request }, workerInfo) => {
  admin = await createCredential(`ops-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
  app = await makeTestApp(request, admin);
});

async function makeTemplate(request: APIRequestContext, body: Record<string, unknown> = {}): Promise<string> {
  const name = unique("e2e-payment");
  const response = await request.post("/admin/templates", {
    headers: basic(admin),
    data: {
      name,
      operationType: "authorize_payment",
      dataTemplate: "A1*A${amount}${currency}*I${iban}",
      texts: { en: { title: "Confirm payment", message: "Pay ${amount} ${currency}?", attributes: [{ type: "AMOUNT", id: "operation.amount", label: "Amount", amount: "${amount}", currency: "${currency}" }] } },
      ...body,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  return name;
}

/** An ACTIVE phone of a new user. */
async function activePhone(request: APIRequestContext, body: Record<string, unknown> = {}): Promise<{ device: DeviceClient; userId: string; registrationId: string }> {
  const created = await createRegistration(request, app, body);
  const device = phone(app);
  await device.activate({ qr: created.activationQrCodeData, version: "3.3" });
  expect((await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers })).status()).toBe(200);
  return { device, userId: created.userId, registrationId: created.registrationId };
}

async function createOperation(request: APIRequestContext, body: Record<string, unknown>): Promise<Record<string, unknown> & { operationId: string }> {
  const response = await request.post("/v2/operations", { headers: app.headers, data: { parameters: PAYMENT, ...body } });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

const statusOf = async (request: APIRequestContext, operationId: string) => (await (await request.get(`/v2/operations/${operationId}`, { headers: app.headers })).json()) as Record<string, unknown>;

const mobileError = (code: string) => ({ status: "ERROR", responseObject: { code, message: expect.any(String) } });

test.describe("operation templates", () => {
  test("the admin route creates with defaults, updates by name, reads, lists and deletes", async ({ request }) => {
    const name = unique("e2e-login");
    const created = await request.post("/admin/templates", { headers: basic(admin), data: { name, operationType: "login", dataTemplate: "A2" } });
    expect(created.status()).toBe(200);
    expect(await created.json()).toEqual({
      name,
      operationType: "login",
      dataTemplate: "A2",
      signatureTypes: ["possession_knowledge", "possession_biometry"],
      expirationSeconds: 300,
      maxFailureCount: 5,
      proximityCheck: false,
      riskFlags: "",
      texts: { en: expect.objectContaining({ title: expect.any(String), message: expect.any(String), attributes: [] }) },
      parameters: [],
      timestampCreated: expect.any(Number),
      timestampLastUpdated: expect.any(Number),
    });
    const updated = await request.put(`/admin/templates/${name}`, { headers: basic(admin), data: { operationType: "login", dataTemplate: "A2*T${channel}", maxFailureCount: 3 } });
    expect(await updated.json()).toMatchObject({ name, dataTemplate: "A2*T${channel}", maxFailureCount: 3, parameters: ["channel"] });
    expect(await (await request.get(`/admin/templates/${name}`, { headers: basic(admin) })).json()).toMatchObject({ name, maxFailureCount: 3 });
    const list = (await (await request.get("/admin/templates", { headers: basic(admin) })).json()) as { templates: { name: string }[] };
    expect(list.templates.map((template) => template.name)).toContain(name);
    expect(await (await request.delete(`/admin/templates/${name}`, { headers: basic(admin) })).json()).toEqual({ status: "OK" });
    const gone = await request.get(`/admin/templates/${name}`, { headers: basic(admin) });
    expect(gone.status()).toBe(400);
    expect(await gone.json()).toEqual(errorBody("ERROR_ADMIN"));
  });

  test("the admin route validates, needs an admin credential, and refuses deleting a template in use", async ({ request }) => {
    const invalid = await request.post("/admin/templates", { headers: basic(admin), data: { name: "bad name", operationType: "", riskFlags: "Q", signatureTypes: ["knowledge"], texts: { en: { title: "t", message: "m", attributes: [{ type: "SPARKLE" }] } } } });
    expect(invalid.status()).toBe(400);
    const fields = ((await invalid.json()).responseObject.violations as { fieldName: string }[]).map((violation) => violation.fieldName);
    expect(fields).toEqual(expect.arrayContaining(["name", "operationType", "dataTemplate", "riskFlags", "signatureTypes[0]"]));
    expect((await request.get("/admin/templates")).status()).toBe(401);
    const forbidden = await request.get("/admin/templates", { headers: app.headers });
    expect(forbidden.status()).toBe(403);
    const name = await makeTemplate(request);
    const { userId } = await activePhone(request);
    await createOperation(request, { userId, template: name });
    const refused = await request.delete(`/admin/templates/${name}`, { headers: basic(admin) });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toEqual(errorBody("ERROR_ADMIN", expect.stringContaining("used by")));
  });

  test("the CLI imports a JSON array (creating, then updating) and lists templates", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-templates-"));
    const file = path.join(dir, "templates.json");
    const names = [unique("cli-login"), unique("cli-payment")];
    try {
      fs.writeFileSync(file, JSON.stringify([{ name: names[0], operationType: "login", dataTemplate: "A2" }, { name: names[1], operationType: "authorize_payment", dataTemplate: "A1*A${amount}${currency}", maxFailureCount: 3 }]));
      const first = (await cli("templates", "import", file)).split("\n").map((line) => JSON.parse(line));
      expect(first).toEqual([
        { name: names[0], action: "created", parameters: [] },
        { name: names[1], action: "created", parameters: ["amount", "currency"] },
      ]);
      const again = (await cli("templates", "import", file)).split("\n").map((line) => JSON.parse(line));
      expect(again.map((line) => line.action)).toEqual(["updated", "updated"]);
      const listed = JSON.parse(await cli("templates", "list", "--json")) as { name: string; maxFailureCount: number }[];
      expect(listed.find((template) => template.name === names[1])).toMatchObject({ maxFailureCount: 3, expirationSeconds: 300 });
      fs.writeFileSync(file, JSON.stringify([{ name: "x", operationType: "login" }]));
      await expect(cli("templates", "import", file)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("0.dataTemplate") });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe("the operations API with a phone", () => {
  test("creates in the documented shape, the phone lists and approves online, and the status says APPROVED", async ({ request }) => {
    const template = await makeTemplate(request);
    const { device, userId, registrationId } = await activePhone(request);
    const created = await createOperation(request, { userId, template, externalId: "TX-42", language: "en" });
    expect(created).toEqual({
      operationId: expect.any(String),
      userId,
      externalId: "TX-42",
      status: "PENDING",
      template,
      operationType: "authorize_payment",
      parameters: PAYMENT,
      failureCount: 0,
      maxFailureCount: 5,
      timestampCreated: expect.any(Number),
      timestampExpires: (created.timestampCreated as number) + 300_000,
    });
    const listResponse = await device.listOperations();
    expect(listResponse).toEqual([
      expect.objectContaining({
        id: created.operationId,
        data: "A1*A1492.50EUR*ICZ2730300000001165254011",
        formData: { title: "Confirm payment", message: "Pay 1492.50 EUR?", attributes: [{ type: "AMOUNT", id: "operation.amount", label: "Amount", amount: 1492.5, currency: "EUR", amountFormatted: "1492.50", currencyFormatted: "EUR" }] },
      }),
    ]);
    await device.approveOperation(listResponse[0]!);
    expect(await statusOf(request, created.operationId)).toMatchObject({ status: "APPROVED", additionalData: { activationId: registrationId } });
    const history = await device.operationHistory();
    expect(history.map((operation) => [operation.id, operation.status])).toEqual([[created.operationId, "APPROVED"]]);
  });

  test("the phone rejects; the bank cancels; finished operations refuse both", async ({ request }) => {
    const template = await makeTemplate(request);
    const { device, userId } = await activePhone(request);
    const rejected = await createOperation(request, { userId, template });
    await device.rejectOperation(rejected.operationId, "UNEXPECTED_OPERATION");
    expect((await statusOf(request, rejected.operationId)).status).toBe("REJECTED");
    const again = await device.rejectOperation(rejected.operationId).catch((error: { status: number; body: unknown }) => error);
    expect(again).toMatchObject({ status: 400, body: mobileError("OPERATION_ALREADY_FINISHED") });

    const canceled = await createOperation(request, { userId, template });
    expect(await (await request.delete(`/v2/operations/${canceled.operationId}`, { headers: app.headers })).json()).toEqual({ status: "OK" });
    expect((await statusOf(request, canceled.operationId)).status).toBe("CANCELED");
    const twice = await request.delete(`/v2/operations/${canceled.operationId}`, { headers: app.headers });
    expect(twice.status()).toBe(400);
    expect(await twice.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_OPERATION_STATE_CHANGE", message: "Operation is in invalid state for requested action" } });
    const approve = await device.approveOperation({ id: canceled.operationId, data: "A1" }).catch((error: { status: number; body: unknown }) => error);
    expect(approve).toMatchObject({ status: 400, body: mobileError("OPERATION_ALREADY_CANCELED") });
  });

  test("too many wrong approvals fail the operation", async ({ request }) => {
    const template = await makeTemplate(request, { maxFailureCount: 2 });
    const { device, userId } = await activePhone(request);
    const { operationId } = await createOperation(request, { userId, template });
    const first = await device.approveOperation({ id: operationId, data: "A1*A1EUR" }).catch((error: { status: number; body: unknown }) => error);
    expect(first).toMatchObject({ status: 401, body: mobileError("POWERAUTH_AUTH_FAIL") });
    const second = await device.approveOperation({ id: operationId, data: "A1*A2EUR" }).catch((error: { status: number; body: unknown }) => error);
    expect(second).toMatchObject({ status: 401, body: mobileError("OPERATION_FAILED") });
    expect(await statusOf(request, operationId)).toMatchObject({ status: "FAILED", failureCount: 2, maxFailureCount: 2 });
    const third = await device.approveOperation({ id: operationId, data: "A1*A1492.50EUR*ICZ2730300000001165254011" }).catch((error: { status: number; body: unknown }) => error);
    expect(third).toMatchObject({ status: 400, body: mobileError("OPERATION_ALREADY_FAILED") });
  });

  test("an expired operation reads as EXPIRED and refuses every action; the internal callback applies it", async ({ request }) => {
    const template = await makeTemplate(request);
    const { device, userId, registrationId } = await activePhone(request);
    const { operationId } = await createOperation(request, { userId, template, timestampExpires: Date.now() + 1500 });
    const operation = await device.operationDetail(operationId);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await statusOf(request, operationId)).status).toBe("EXPIRED");
    expect(await device.listOperations()).toEqual([]);
    const approve = await device.approveOperation(operation).catch((error: { status: number; body: unknown }) => error);
    expect(approve).toMatchObject({ status: 400, body: mobileError("OPERATION_EXPIRED") });
    for (const response of [
      await request.delete(`/v2/operations/${operationId}`, { headers: app.headers }),
      await request.get(`/v2/operations/${operationId}/offline/qr?registrationId=${registrationId}`, { headers: app.headers }),
    ]) {
      expect(response.status()).toBe(400);
      expect((await response.json()).responseObject.code).toBe("ERROR_OPERATION_STATE_CHANGE");
    }
    const callback = await request.post("/internal/callback/operation", { headers: app.headers, data: { operationId } });
    expect(await callback.json()).toEqual({ status: "OK" });
    expect((await statusOf(request, operationId)).status).toBe("EXPIRED");
    const missing = await request.post("/internal/callback/operation", { headers: app.headers, data: {} });
    expect(missing.status()).toBe(400);
    expect((await missing.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "operationId" })] });
    expect((await request.post("/internal/callback/operation", { headers: app.headers, data: { operationId: MISSING } })).status()).toBe(400);
    expect((await request.post("/internal/callback/operation", { data: { operationId } })).status()).toBe(401);
  });

  test("offline: the QR code, and the OTP in every documented format; a wrong one counts, a malformed one is ERROR_OTP_INVALID", async ({ request }) => {
    const template = await makeTemplate(request);
    const { device, userId, registrationId } = await activePhone(request);
    const formats: [string, (otp: string) => string][] = [
      ["4x4", (otp) => otp.replace("-", "").replace(/(\d{4})(?=\d)/g, "$1-")],
      ["2x8", (otp) => otp],
      ["16", (otp) => otp.replace("-", "")],
    ];
    for (const [label, format] of formats) {
      const { operationId } = await createOperation(request, { userId, template });
      const qrResponse = await request.get(`/v2/operations/${operationId}/offline/qr?registrationId=${registrationId}`, { headers: app.headers });
      expect(qrResponse.status(), label).toBe(200);
      const qr = (await qrResponse.json()) as { operationQrCodeData: string; nonce: string };
      expect(Object.keys(qr).sort()).toEqual(["nonce", "operationQrCodeData"]);
      const scanned = device.offlineOtp(qr.operationQrCodeData);
      expect(scanned).toMatchObject({ operationId, title: "Confirm payment", message: "Pay 1492.50 EUR?", flags: "B" });
      const otp = format(scanned.otp);
      const verified = await request.post(`/v2/operations/${operationId}/offline/otp`, { headers: app.headers, data: { otp, nonce: qr.nonce, registrationId } });
      expect(await verified.json(), label).toEqual({
        otpValid: true,
        userId,
        operationId,
        registrationId,
        registrationStatus: "ACTIVE",
        signatureType: "possession_knowledge",
        remainingAttempts: 5,
        flags: [],
        application: { name: app.id, roles: [] },
      });
      expect((await statusOf(request, operationId)).status, label).toBe("APPROVED");
    }
    const { operationId } = await createOperation(request, { userId, template });
    const qr = (await (await request.get(`/v2/operations/${operationId}/offline/qr?registrationId=${registrationId}`, { headers: app.headers })).json()) as { nonce: string };
    const wrong = await request.post(`/v2/operations/${operationId}/offline/otp`, { headers: app.headers, data: { otp: "1111-2222-3333-4444", nonce: qr.nonce, registrationId } });
    expect(await wrong.json()).toMatchObject({ otpValid: false, remainingAttempts: 4 });
    expect((await statusOf(request, operationId)).failureCount).toBe(1);
    const malformed = await request.post(`/v2/operations/${operationId}/offline/otp`, { headers: app.headers, data: { otp: "12345", nonce: qr.nonce, registrationId } });
    expect(malformed.status()).toBe(400);
    expect(await malformed.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_OTP_INVALID", message: "Operation OTP format is invalid, OTP validation skipped." } });
  });

  test("every documented error of the Cloud operations API", async ({ request }) => {
    const template = await makeTemplate(request);
    const { userId } = await activePhone(request);
    const unknownTemplate = await request.post("/v2/operations", { headers: app.headers, data: { userId, template: "no-such-template" } });
    expect(unknownTemplate.status()).toBe(400);
    expect((await unknownTemplate.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "template" })] });
    const missingParameter = await request.post("/v2/operations", { headers: app.headers, data: { userId, template, parameters: { amount: "1" } } });
    expect((await missingParameter.json()).responseObject).toMatchObject({
      code: "ERROR_REQUEST",
      violations: [expect.objectContaining({ fieldName: "parameters.currency" }), expect.objectContaining({ fieldName: "parameters.iban" })],
    });
    const noUser = await request.post("/v2/operations", { headers: app.headers, data: { userId: unique("nobody"), template, parameters: PAYMENT } });
    expect(noUser.status()).toBe(400);
    expect(await noUser.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REGISTRATION_NOT_FOUND", message: "No active registration found matching operation criteria" } });
    const noBody = await request.post("/v2/operations", { headers: app.headers, data: {} });
    expect((await noBody.json()).responseObject.violations.map((violation: { fieldName: string }) => violation.fieldName)).toEqual(expect.arrayContaining(["userId", "template"]));

    const notFound = { status: "ERROR", responseObject: { code: "ERROR_OPERATION_NOT_FOUND", message: "Operation with given ID was not found" } };
    for (const response of [
      await request.get(`/v2/operations/${MISSING}`, { headers: app.headers }),
      await request.delete(`/v2/operations/${MISSING}`, { headers: app.headers }),
      await request.get(`/v2/operations/${MISSING}/offline/qr?registrationId=${MISSING}`, { headers: app.headers }),
      await request.post(`/v2/operations/${MISSING}/offline/otp`, { headers: app.headers, data: { otp: "1234567812345678", nonce: "AAAAAAAAAAAAAAAAAAAAAA==", registrationId: MISSING } }),
    ]) {
      expect(response.status()).toBe(400);
      expect(await response.json()).toEqual(notFound);
    }
    // Another application's operation is "not found" too.
    const { operationId } = await createOperation(request, { userId, template });
    const other = await makeTestApp(request, admin);
    expect(await (await request.get(`/v2/operations/${operationId}`, { headers: other.headers })).json()).toEqual(notFound);
    const badId = await request.get("/v2/operations/not-a-uuid", { headers: app.headers });
    expect((await badId.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "operationId" })] });
    const noRegistration = await request.get(`/v2/operations/${operationId}/offline/qr?registrationId=${MISSING}`, { headers: app.headers });
    expect((await noRegistration.json()).responseObject.code).toBe("ERROR_REGISTRATION_NOT_FOUND");
    const noQuery = await request.get(`/v2/operations/${operationId}/offline/qr`, { headers: app.headers });
    expect((await noQuery.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST", violations: [expect.objectContaining({ fieldName: "registrationId" })] });
    const unauthorized = await request.get(`/v2/operations/${operationId}`);
    expect(unauthorized.status()).toBe(401);
    expect(await unauthorized.json()).toEqual({ status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } });
  });

  test("the Mobile Token API's own errors: no authentication, a bad request, an unknown operation", async ({ request }) => {
    const { device } = await activePhone(request);
    const anonymous = await request.post("/api/auth/token/app/operation/list", { data: {} });
    expect(anonymous.status()).toBe(401);
    expect(await anonymous.json()).toEqual(mobileError("POWERAUTH_AUTH_FAIL"));
    const invalid = await device.signedPost("/api/auth/token/app/operation/detail", "/operation/detail", { requestObject: {} }, "possession").catch((error: { status: number; body: unknown }) => error);
    expect(invalid).toMatchObject({ status: 400, body: { status: "ERROR", responseObject: { code: "INVALID_REQUEST" } } });
    const unknown = await device.operationDetail(MISSING).catch((error: { status: number; body: unknown }) => error);
    expect(unknown).toMatchObject({ status: 400, body: mobileError("OPERATION_NOT_FOUND") });
    // history needs knowledge or biometry (§10.7).
    const possessionOnly = await device.operationHistory("possession").catch((error: { status: number; body: unknown }) => error);
    expect(possessionOnly).toMatchObject({ status: 401, body: mobileError("POWERAUTH_AUTH_FAIL") });
  });
});

test.describe("device simulator CLI", () => {
  test("operations list, approve and reject, and offline-otp, one JSON line each", async ({ request }) => {
    test.setTimeout(120_000);
    const template = await makeTemplate(request);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardline-device-ops-"));
    const state = path.join(dir, "phone.json");
    const device = async (...args: string[]) => {
      const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(root, "src/cli/device/index.ts"), ...args, "--state", state, "--url", E2E.baseUrl], { cwd: root });
      return JSON.parse(stdout.trim()) as Record<string, unknown>;
    };
    try {
      const created = await createRegistration(request, app, { userId: unique("cli-ops") });
      expect(await device("activate", "--app-config", app.mobileSdkConfig, "--qr", created.activationQrCodeData)).toMatchObject({ ok: true });
      await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers });
      const approved = await createOperation(request, { userId: created.userId, template });
      const rejected = await createOperation(request, { userId: created.userId, template });
      const listed = await device("operations", "list");
      expect(listed).toMatchObject({ ok: true, command: "operations" });
      expect((listed.operations as { id: string }[]).map((operation) => operation.id).sort()).toEqual([approved.operationId, rejected.operationId].sort());
      expect(await device("operations", "approve", "--id", approved.operationId)).toEqual({ ok: true, command: "operations", id: approved.operationId, approved: true });
      expect(await device("operations", "reject", "--id", rejected.operationId, "--reason", "INCORRECT_DATA")).toEqual({ ok: true, command: "operations", id: rejected.operationId, rejected: true });
      expect((await statusOf(request, approved.operationId)).status).toBe("APPROVED");
      expect((await statusOf(request, rejected.operationId)).status).toBe("REJECTED");

      const offline = await createOperation(request, { userId: created.userId, template });
      const qr = (await (await request.get(`/v2/operations/${offline.operationId}/offline/qr?registrationId=${created.registrationId}`, { headers: app.headers })).json()) as { operationQrCodeData: string; nonce: string };
      const qrFile = path.join(dir, "qr.txt");
      fs.writeFileSync(qrFile, qr.operationQrCodeData);
      const scanned = await device("offline-otp", "--qr-file", qrFile);
      expect(scanned).toMatchObject({ ok: true, command: "offline-otp", operationId: offline.operationId, otp: expect.stringMatching(/^\d{8}-\d{8}$/) });
      const verified = await request.post(`/v2/operations/${offline.operationId}/offline/otp`, { headers: app.headers, data: { otp: scanned.otp, nonce: qr.nonce, registrationId: created.registrationId } });
      expect((await verified.json()).otpValid).toBe(true);
      await expect(device("operations", "frobnicate")).rejects.toMatchObject({ code: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
