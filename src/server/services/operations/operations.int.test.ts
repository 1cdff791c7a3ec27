/**
 * Operations through the real services and the Mobile Token routes in this process, with a
 * simulated phone: create (documented shape and errors), approve, reject, cancel, expiry (reported
 * on read, written by the job), failure counting to FAILED (wrong data, a wrong type, a wrong PIN),
 * concurrent approvals (exactly one wins), claim, proximity OTP, offline QR and OTP, and the
 * internal callback. Every change leaves its history row.
 */
import { describe, expect, it } from "vitest";

import { DeviceApiError, type DeviceClient } from "@/cli/device/device-client";
import crypto from "node:crypto";

import { buildDeviceTokenHeader, SIGNED_ENDPOINTS } from "@/powerauth/device";
import { generateTotp } from "@/powerauth/server";
import { db } from "@/server/db";
import { openSecret, sealSecret } from "@/server/security/secret-box";
import { ZTemplateInput } from "@/schemas/templates";
import { inProcessFetch, makeActiveRegistration, makeStaff, makeTemplate, PAYMENT, testActor } from "@/server/testing/factories";

import { changeRegistrationStatus } from "../registrations/change-registration-status";
import { tokenSecretContext } from "../registrations/verify-token";
import { deleteTemplate } from "../templates/delete-template";
import { getTemplate } from "../templates/get-template";
import { listTemplates } from "../templates/list-templates";
import { saveTemplate } from "../templates/save-template";

import { createOperation, proximitySeedContext } from "./create-operation";
import { cancelOperation } from "./cancel-operation";
import { createOfflineQr } from "./create-offline-qr";
import { expireOperations } from "./expire-operations";
import { getOperation } from "./get-operation";
import { handleOperationCallback } from "./handle-operation-callback";
import { listOperationHistory } from "./list-operation-history";
import { listOperations } from "./list-operations";
import { verifyOperationOtp } from "./verify-operation-otp";

const historyOf = async (operationId: string) =>
  (await db.operationHistory.findMany({ where: { operationId }, orderBy: { id: "asc" }, select: { fromStatus: true, toStatus: true, reason: true, actorType: true } })).map(
    (row) => `${row.fromStatus ?? "-"}>${row.toStatus}${row.reason ? `:${row.reason}` : ""}`,
  );

async function setUp(templateOverrides: Parameters<typeof makeTemplate>[0] = {}, registration: Parameters<typeof makeActiveRegistration>[0] = {}) {
  const template = await makeTemplate(templateOverrides);
  const active = await makeActiveRegistration(registration);
  const create = (extra: Partial<Parameters<typeof createOperation>[0]> = {}) =>
    createOperation({ actor: testActor, applicationId: active.app.id, userId: active.userId, template: template.name, parameters: PAYMENT, ...extra });
  return { template, ...active, create };
}

async function mobileError(promise: Promise<unknown>): Promise<{ status: number; code: string | undefined }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeviceApiError);
  return { status: (error as DeviceApiError).status, code: (error as DeviceApiError).code };
}

/** An authorize request whose signature covers another body: what a wrong PIN looks like to the server. */
async function approveWithWrongSignature(device: DeviceClient, operation: { id: string; data: string }) {
  const endpoint = SIGNED_ENDPOINTS.operationAuthorize;
  const sent = JSON.stringify({ requestObject: { id: operation.id, data: operation.data } });
  const headers = device.signHeaders({ method: "POST", uriId: endpoint.uriId, body: `${sent} `, factors: "possession_knowledge" });
  return device.post(endpoint.path, sent, headers);
}

describe("operation templates and creating operations", () => {
  it("creates an operation in the documented shape, with its data filled and escaped", async () => {
    const { create, userId, template } = await setUp();
    const created = await create({ externalId: "TX-1", parameters: { ...PAYMENT, iban: "CZ27*3030" } });
    expect(created).toEqual({
      operationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId,
      externalId: "TX-1",
      status: "PENDING",
      template: template.name,
      operationType: "authorize_payment",
      parameters: { ...PAYMENT, iban: "CZ27*3030" },
      failureCount: 0,
      maxFailureCount: 5,
      timestampCreated: expect.any(Number),
      timestampExpires: expect.any(Number),
    });
    expect(created.timestampExpires - created.timestampCreated).toBe(300_000);
    const row = await db.operation.findUniqueOrThrow({ where: { id: created.operationId } });
    expect(row.data).toBe("A1*A100.50EUR*ICZ27\\*3030");
    expect(await historyOf(created.operationId)).toEqual(["->PENDING"]);
  });

  it("refuses an unknown template, a missing parameter, and a user without an active registration", async () => {
    const { create, app } = await setUp();
    await expect(create({ template: "no-such-template" })).rejects.toMatchObject({ code: "ERROR_REQUEST", options: { violations: [expect.objectContaining({ fieldName: "template" })] } });
    await expect(create({ parameters: { amount: "1", currency: "EUR" } })).rejects.toMatchObject({ code: "ERROR_REQUEST", options: { violations: [expect.objectContaining({ fieldName: "parameters.iban" })] } });
    await expect(create({ userId: "nobody" })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    await expect(create({ flag: "NOT_SET" })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    await expect(create({ timestampExpires: Date.now() - 1000 })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    expect(app.id).toBeTruthy();
  });

  it("deletes an unused template but refuses one that operations were made from", async () => {
    const unused = await makeTemplate();
    await deleteTemplate({ actor: testActor, name: unused.name });
    await expect(getTemplate({ actor: testActor, name: unused.name })).rejects.toMatchObject({ code: "ERROR_ADMIN" });
    const { create, template } = await setUp();
    await create();
    await expect(deleteTemplate({ actor: testActor, name: template.name })).rejects.toMatchObject({ code: "ERROR_ADMIN", message: expect.stringContaining("used by 1") });
    const audit = await db.auditEvent.findMany({ where: { targetType: "operation_template", targetId: unused.name }, select: { action: true } });
    expect(audit.map((row) => row.action)).toEqual(["template.create", "template.delete"]);
  });
});

describe("the Mobile Token operations API", () => {
  it("lists in the phone's language, approves, and answers a second approval as finished", async () => {
    const { create, device, registrationId } = await setUp();
    const { operationId } = await create();
    const [listed] = await device.listOperations({ acceptLanguage: "cs-CZ,cs;q=0.9" });
    expect(listed).toMatchObject({
      id: operationId,
      name: "authorize_payment",
      data: "A1*A100.50EUR*ICZ2730300000001165254011",
      status: "PENDING",
      operationCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
      allowedSignatureType: { type: "2FA", variants: ["possession_knowledge", "possession_biometry"] },
      formData: { title: "Potvrďte platbu", message: "Potvrďte prosím platbu 100.50 EUR.", attributes: [{ type: "NOTE", id: "operation.note", label: "Poznámka", note: PAYMENT.iban }] },
    });
    const english = await device.operationDetail(operationId, { acceptLanguage: "de-DE" });
    expect(english.formData.attributes[0]).toEqual({ type: "AMOUNT", id: "operation.amount", label: "Amount", amount: 100.5, currency: "EUR", amountFormatted: "100.50", currencyFormatted: "EUR" });

    await device.approveOperation(listed!);
    expect(await getOperation({ actor: testActor, operationId })).toMatchObject({ status: "APPROVED", additionalData: { activationId: registrationId, signatureType: "possession_knowledge" } });
    expect(await mobileError(device.approveOperation(listed!))).toEqual({ status: 400, code: "OPERATION_ALREADY_FINISHED" });
    expect(await device.listOperations()).toEqual([]);
    expect((await device.operationHistory()).map((operation) => operation.status)).toEqual(["APPROVED"]);
    expect(await historyOf(operationId)).toEqual(["->PENDING", "PENDING>APPROVED:APPROVED"]);
  });

  it("counts wrong data, a type the operation does not allow and a wrong PIN, and fails the operation at its limit", async () => {
    const { create, device } = await setUp({ maxFailureCount: 3 });
    const { operationId } = await create();
    const operation = await device.operationDetail(operationId);
    expect(await mobileError(device.approveOperation({ id: operationId, data: "A1*A999EUR" }))).toEqual({ status: 401, code: "POWERAUTH_AUTH_FAIL" });
    expect(await mobileError(device.approveOperation(operation, { factors: "possession" }))).toEqual({ status: 401, code: "POWERAUTH_AUTH_FAIL" });
    expect((await getOperation({ actor: testActor, operationId })).failureCount).toBe(2);
    expect(await mobileError(approveWithWrongSignature(device, operation))).toEqual({ status: 401, code: "POWERAUTH_AUTH_FAIL" });
    expect(await getOperation({ actor: testActor, operationId })).toMatchObject({ status: "FAILED", failureCount: 3 });
    expect(await mobileError(device.approveOperation(operation))).toEqual({ status: 400, code: "OPERATION_ALREADY_FAILED" });
    expect(await historyOf(operationId)).toEqual([
      "->PENDING",
      "PENDING>PENDING:APPROVAL_FAILED:DATA_MISMATCH",
      "PENDING>PENDING:APPROVAL_FAILED:SIGNATURE_TYPE_NOT_ALLOWED",
      "PENDING>FAILED:MAX_FAILURE_COUNT:SIGNATURE_INVALID",
    ]);
  });

  it("rejects with the user's reason; the bank cancels; finished operations refuse both", async () => {
    const { create, device, app } = await setUp();
    const rejected = await create();
    await device.rejectOperation(rejected.operationId, "INCORRECT_DATA");
    expect(await getOperation({ actor: testActor, operationId: rejected.operationId })).toMatchObject({ status: "REJECTED" });
    expect(await mobileError(device.rejectOperation(rejected.operationId))).toEqual({ status: 400, code: "OPERATION_ALREADY_FINISHED" });
    await expect(cancelOperation({ actor: testActor, operationId: rejected.operationId })).rejects.toMatchObject({ code: "ERROR_OPERATION_STATE_CHANGE" });

    const canceled = await create();
    await cancelOperation({ actor: testActor, operationId: canceled.operationId, applicationId: app.id });
    expect(await mobileError(device.approveOperation({ id: canceled.operationId, data: "x" }))).toEqual({ status: 400, code: "OPERATION_ALREADY_CANCELED" });
    expect(await historyOf(canceled.operationId)).toEqual(["->PENDING", "PENDING>CANCELED:CANCELED"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: canceled.operationId, action: "operation.cancel" } });
    expect(audit.actorType).toBe("CLI");
  });

  it("lets exactly one of two concurrent approvals win", async () => {
    const { create, device } = await setUp();
    const { operationId } = await create();
    const operation = await device.operationDetail(operationId);
    const results = await Promise.allSettled([device.approveOperation(operation), device.approveOperation(operation)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    // The loser met either the approved operation, or (signed one counter step earlier and checked
    // second) a counter that had moved past its signature.
    expect(["OPERATION_ALREADY_FINISHED", "POWERAUTH_AUTH_FAIL"]).toContain((failure.reason as DeviceApiError).code);
    expect(await historyOf(operationId)).toEqual(["->PENDING", "PENDING>APPROVED:APPROVED"]);
  });

  it("counts every one of concurrent failed attempts exactly once", async () => {
    const { create, device } = await setUp({ maxFailureCount: 10 });
    const { operationId } = await create();
    const attempts = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => device.approveOperation({ id: operationId, data: `A1*A${n}EUR` })));
    expect(attempts.every((attempt) => attempt.status === "rejected" && (attempt.reason as DeviceApiError).status === 401)).toBe(true);
    expect(await getOperation({ actor: testActor, operationId })).toMatchObject({ status: "PENDING", failureCount: 5 });
    expect(await historyOf(operationId)).toHaveLength(6);
  });

  it("hides operations of another flag and another user, and claims a user-less one once", async () => {
    const { create, device, app, template, userId } = await setUp({}, { flags: ["MOBILE_TOKEN"] });
    const other = await makeActiveRegistration({ app });
    const mine = await create({ flag: "MOBILE_TOKEN" });
    expect((await device.listOperations()).map((operation) => operation.id)).toEqual([mine.operationId]);
    expect(await other.device.listOperations()).toEqual([]);
    expect(await mobileError(other.device.operationDetail(mine.operationId))).toEqual({ status: 400, code: "OPERATION_NOT_FOUND" });

    const unclaimed = await createOperation({ actor: testActor, applicationId: app.id, userId: null, template: template.name, parameters: PAYMENT });
    expect(await mobileError(device.operationDetail(unclaimed.operationId))).toEqual({ status: 400, code: "OPERATION_NOT_FOUND" });
    expect((await device.operationDetail(unclaimed.operationId, { claim: true })).id).toBe(unclaimed.operationId);
    expect((await getOperation({ actor: testActor, operationId: unclaimed.operationId })).userId).toBe(userId);
    expect(await mobileError(other.device.operationDetail(unclaimed.operationId, { claim: true }))).toEqual({ status: 400, code: "OPERATION_NOT_FOUND" });
    expect(await historyOf(unclaimed.operationId)).toEqual(["->PENDING", "PENDING>PENDING:CLAIMED"]);
  });

  it("takes a token instead of a signature for list and detail (§14, §19.8)", async () => {
    const { create, device, registrationId } = await setUp();
    const { operationId } = await create();
    // Tokens are issued by /pa/v3/token/create (another area); the row is what it stores.
    const token = { tokenId: crypto.randomUUID(), tokenSecret: crypto.randomBytes(16).toString("base64") };
    await db.token.create({ data: { id: token.tokenId, registrationId, secretEncrypted: sealSecret(Buffer.from(token.tokenSecret, "base64"), tokenSecretContext(token.tokenId)), signatureType: "possession" } });
    const call = async (path: string, body: object) => {
      const header = buildDeviceTokenHeader(device.activation, token, { nowMs: Date.now() });
      const response = await inProcessFetch(`http://in-process${path}`, { method: "POST", headers: { "Content-Type": "application/json", [header.headerName]: header.headerValue }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { responseObject: unknown; currentTimestamp?: string } };
    };
    const list = await call(SIGNED_ENDPOINTS.operationList.path, {});
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ status: "OK", responseObject: [{ id: operationId }], currentTimestamp: expect.stringMatching(/\+0000$/) });
    expect((await call(SIGNED_ENDPOINTS.operationDetail.path, { requestObject: { id: operationId } })).body).toMatchObject({ responseObject: { id: operationId } });
    const forged = { ...token, tokenSecret: crypto.randomBytes(16).toString("base64") };
    const header = buildDeviceTokenHeader(device.activation, forged, { nowMs: Date.now() });
    const refused = await inProcessFetch(`http://in-process${SIGNED_ENDPOINTS.operationList.path}`, { method: "POST", headers: { "Content-Type": "application/json", [header.headerName]: header.headerValue }, body: "{}" });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ responseObject: { code: "POWERAUTH_AUTH_FAIL" } });
  });

  it("checks the proximity OTP when the template asks for it", async () => {
    const { create, device } = await setUp({ proximityCheck: true });
    const { operationId } = await create();
    const operation = await device.operationDetail(operationId);
    expect(await mobileError(device.approveOperation(operation))).toEqual({ status: 401, code: "POWERAUTH_AUTH_FAIL" });
    expect(await mobileError(device.approveOperation(operation, { proximityOtp: "00000000" }))).toEqual({ status: 401, code: "POWERAUTH_AUTH_FAIL" });
    const row = await db.operation.findUniqueOrThrow({ where: { id: operationId }, select: { proximitySeedEncrypted: true } });
    const seed = openSecret(row.proximitySeedEncrypted!, proximitySeedContext(operationId));
    await device.approveOperation(operation, { proximityOtp: generateTotp({ seed, nowMs: Date.now() }) });
    expect(await getOperation({ actor: testActor, operationId })).toMatchObject({ status: "APPROVED", failureCount: 2 });
  });
});

describe("expiry", () => {
  it("reports an operation past its expiry as EXPIRED without writing, refuses it, and the job sweeps it with history", async () => {
    const { create, device } = await setUp();
    const { operationId } = await create({ timestampExpires: Date.now() + 300 });
    const operation = await device.operationDetail(operationId);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await getOperation({ actor: testActor, operationId })).status).toBe("EXPIRED");
    expect((await db.operation.findUniqueOrThrow({ where: { id: operationId } })).status).toBe("PENDING");
    expect(await mobileError(device.approveOperation(operation))).toEqual({ status: 400, code: "OPERATION_EXPIRED" });
    await expect(cancelOperation({ actor: testActor, operationId })).rejects.toMatchObject({ code: "ERROR_OPERATION_STATE_CHANGE" });
    expect(await device.listOperations()).toEqual([]);

    const first = await expireOperations();
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await db.operation.findUniqueOrThrow({ where: { id: operationId }, select: { status: true, finishedAt: true } })).toMatchObject({ status: "EXPIRED", finishedAt: expect.any(Date) });
    expect(await historyOf(operationId)).toEqual(["->PENDING", "PENDING>EXPIRED:EXPIRED"]);
    await expireOperations();
    expect(await historyOf(operationId)).toHaveLength(2);
  });

  it("sweeps in bounded batches and stops after its batches", async () => {
    const { create } = await setUp();
    const due = await Promise.all([1, 2, 3].map(() => create({ timestampExpires: Date.now() + 200 })));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await expireOperations({ batchSize: 1, maxBatches: 2 })).toEqual({ expired: 2, batches: 2 });
    expect(await expireOperations({ batchSize: 1, maxBatches: 5 })).toEqual({ expired: 1, batches: 2 });
    for (const { operationId } of due) expect(await historyOf(operationId)).toEqual(["->PENDING", "PENDING>EXPIRED:EXPIRED"]);
  });

  it("expires at once on the internal callback, and leaves a live operation alone", async () => {
    const { create, app } = await setUp();
    const credentialActor = { type: "CREDENTIAL" as const, id: "x", label: "backend", scope: "APPLICATION" as const, applicationId: app.id };
    const live = await create();
    await handleOperationCallback({ actor: credentialActor, applicationId: app.id, operationId: live.operationId });
    expect(await historyOf(live.operationId)).toEqual(["->PENDING"]);
    const due = await create({ timestampExpires: Date.now() + 200 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await handleOperationCallback({ actor: credentialActor, applicationId: app.id, operationId: due.operationId });
    expect(await historyOf(due.operationId)).toEqual(["->PENDING", "PENDING>EXPIRED:EXPIRED"]);
    const otherApp = { ...credentialActor, applicationId: "another-app" };
    await expect(handleOperationCallback({ actor: otherApp, applicationId: "another-app", operationId: due.operationId })).rejects.toMatchObject({ code: "ERROR_OPERATION_NOT_FOUND" });
  });
});

describe("offline QR and OTP", () => {
  it("approves with the OTP in each documented format, and counts a wrong one", async () => {
    const { create, device, registrationId, app } = await setUp();
    const formats = [(otp: string) => otp.replace(/-/g, "").replace(/(\d{4})(?=\d)/g, "$1-"), (otp: string) => otp, (otp: string) => otp.replace("-", "")];
    for (const format of formats) {
      const { operationId } = await create();
      const qr = await createOfflineQr({ actor: testActor, operationId, registrationId });
      const lines = qr.operationQrCodeData.split("\n");
      expect(lines).toEqual([operationId, "Confirm payment", "Please confirm the payment of 100.50 EUR.", "A1*A100.50EUR*ICZ2730300000001165254011", "B", qr.nonce, expect.stringMatching(/^1[A-Za-z0-9+/=]+$/)]);
      const { otp } = device.offlineOtp(qr.operationQrCodeData);
      const typed = format(otp);
      const result = await verifyOperationOtp({ actor: testActor, applicationId: app.id, operationId, registrationId, otp: typed, nonce: qr.nonce });
      expect(result).toEqual({
        otpValid: true,
        userId: expect.any(String),
        operationId,
        registrationId,
        registrationStatus: "ACTIVE",
        signatureType: "possession_knowledge",
        remainingAttempts: 5,
        flags: [],
        application: { name: app.id, roles: [] },
      });
      expect((await getOperation({ actor: testActor, operationId })).status).toBe("APPROVED");
    }
    const { operationId } = await create();
    const qr = await createOfflineQr({ actor: testActor, operationId, registrationId });
    const wrong = await verifyOperationOtp({ actor: testActor, operationId, registrationId, otp: "1234-5678-1234-5678", nonce: qr.nonce });
    expect(wrong).toMatchObject({ otpValid: false, remainingAttempts: 4 });
    expect((await getOperation({ actor: testActor, operationId })).failureCount).toBe(1);
    await expect(verifyOperationOtp({ actor: testActor, operationId, registrationId, otp: "1234-5678", nonce: qr.nonce })).rejects.toMatchObject({ code: "ERROR_OTP_INVALID" });
    await expect(verifyOperationOtp({ actor: testActor, operationId, registrationId: "6f1c1a52-3b0e-4d8e-9a52-1d6f3c0b9e11", otp: "1234567812345678", nonce: qr.nonce })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    await cancelOperation({ actor: testActor, operationId });
    await expect(createOfflineQr({ actor: testActor, operationId, registrationId })).rejects.toMatchObject({ code: "ERROR_OPERATION_STATE_CHANGE" });
  });

  it("answers otpValid false for a blocked registration without counting against the operation", async () => {
    const { create, device, registrationId } = await setUp();
    const { operationId } = await create();
    const qr = await createOfflineQr({ actor: testActor, operationId, registrationId });
    const { otp } = device.offlineOtp(qr.operationQrCodeData);
    await changeRegistrationStatus({ actor: testActor, registrationId, change: "BLOCK" });
    expect(await verifyOperationOtp({ actor: testActor, operationId, registrationId, otp, nonce: qr.nonce })).toMatchObject({ otpValid: false, registrationStatus: "BLOCKED" });
    expect(await getOperation({ actor: testActor, operationId })).toMatchObject({ status: "PENDING", failureCount: 0 });
    await expect(createOfflineQr({ actor: testActor, operationId, registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
  });

  it("puts the proximity TOTP into the QR code, and the OTP covers it", async () => {
    const { create, device, registrationId } = await setUp({ proximityCheck: true, signatureTypes: ["possession_knowledge"], riskFlags: "X" });
    const { operationId } = await create();
    const qr = await createOfflineQr({ actor: testActor, operationId, registrationId });
    const lines = qr.operationQrCodeData.split("\n");
    expect(lines).toHaveLength(8);
    expect(lines[4]).toBe("X");
    expect(lines[5]).toMatch(/^\d{8}$/);
    const { otp } = device.offlineOtp(qr.operationQrCodeData);
    expect((await verifyOperationOtp({ actor: testActor, operationId, registrationId, otp, nonce: qr.nonce })).otpValid).toBe(true);
  });
});

describe("the console's reads", () => {
  it("lists with filters and keyset pages, reports the status as read, and shows the history in scope", async () => {
    const { create, app, userId, template, device } = await setUp();
    const viewer = (await makeStaff("VIEWER")).actor;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ externalId: `EXT-${i}` })).operationId);
    const due = await create({ timestampExpires: Date.now() + 200 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const first = await listOperations({ actor: viewer, filter: { applicationId: app.id, userId }, limit: 2 });
    expect(first.items.map((item) => item.operationId)).toEqual([due.operationId, ids[2]]);
    const second = await listOperations({ actor: viewer, filter: { applicationId: app.id, userId }, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.operationId)).toEqual([ids[1], ids[0]]);
    expect(second.nextCursor).toBeNull();
    expect((await listOperations({ actor: viewer, filter: { userId, status: "EXPIRED" } })).items.map((item) => item.operationId)).toEqual([due.operationId]);
    expect((await listOperations({ actor: viewer, filter: { userId, status: "PENDING", template: template.name } })).items).toHaveLength(3);
    expect((await listOperations({ actor: viewer, filter: { externalId: "EXT-1", userId } })).items.map((item) => item.operationId)).toEqual([ids[1]]);
    await expect(listOperations({ actor: viewer, cursor: "nonsense" })).rejects.toMatchObject({ code: "ERROR_REQUEST" });

    await device.rejectOperation(ids[0]!, "UNEXPECTED_OPERATION");
    const history = await listOperationHistory({ actor: viewer, operationId: ids[0]! });
    expect(history.map((row) => [row.fromStatus, row.toStatus, row.reason, row.actorType])).toEqual([
      [null, "PENDING", null, "CLI"],
      ["PENDING", "REJECTED", "UNEXPECTED_OPERATION", "DEVICE"],
    ]);
    const otherApp = { type: "CREDENTIAL" as const, id: "x", label: "other", scope: "APPLICATION" as const, applicationId: "another-app" };
    await expect(listOperationHistory({ actor: otherApp, operationId: ids[0]! })).rejects.toMatchObject({ code: "ERROR_OPERATION_NOT_FOUND" });
    await expect(cancelOperation({ actor: viewer, operationId: ids[1]! })).rejects.toMatchObject({ code: "HTTP_403" });
    const operator = (await makeStaff("OPERATOR")).actor;
    await cancelOperation({ actor: operator, operationId: ids[1]! });
    expect((await db.auditEvent.findFirstOrThrow({ where: { targetId: ids[1], action: "operation.cancel" } })).actorType).toBe("STAFF");
  });

  it("lets only administrators write templates", async () => {
    const template = ZTemplateInput.parse({ name: `staff-${Date.now()}`, operationType: "login", dataTemplate: "A2" });
    for (const role of ["VIEWER", "OPERATOR"] as const) {
      const actor = (await makeStaff(role)).actor;
      await expect(saveTemplate({ actor, template })).rejects.toMatchObject({ code: "HTTP_403" });
      expect((await listTemplates({ actor })).length).toBeGreaterThan(0);
    }
    const admin = (await makeStaff("ADMINISTRATOR")).actor;
    expect((await saveTemplate({ actor: admin, template })).created).toBe(true);
  });
});

describe("every action on every finished state", () => {
  const expectedMobile = { APPROVED: "OPERATION_ALREADY_FINISHED", REJECTED: "OPERATION_ALREADY_FINISHED", CANCELED: "OPERATION_ALREADY_CANCELED", FAILED: "OPERATION_ALREADY_FAILED", EXPIRED: "OPERATION_EXPIRED" } as const;

  for (const state of Object.keys(expectedMobile) as (keyof typeof expectedMobile)[]) {
    it(`${state}: the phone, the bank and the offline flow are all refused, and nothing changes`, async () => {
      const { create, device, registrationId, app } = await setUp({ maxFailureCount: 1 });
      // Long enough for the QR code to be made before it expires, even on a busy machine.
      const expiresAt = Date.now() + 1500;
      const { operationId } = await create(state === "EXPIRED" ? { timestampExpires: expiresAt } : {});
      const operation = await device.operationDetail(operationId);
      const qr = await createOfflineQr({ actor: testActor, operationId, registrationId });
      if (state === "APPROVED") await device.approveOperation(operation);
      if (state === "REJECTED") await device.rejectOperation(operationId);
      if (state === "CANCELED") await cancelOperation({ actor: testActor, operationId });
      if (state === "FAILED") await device.approveOperation({ id: operationId, data: "A1*A0EUR" }).catch(() => undefined);
      if (state === "EXPIRED") {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 100));
        await handleOperationCallback({ actor: testActor, applicationId: app.id, operationId });
      }
      const before = await historyOf(operationId);
      expect((await getOperation({ actor: testActor, operationId })).status).toBe(state);

      expect(await mobileError(device.approveOperation(operation))).toEqual({ status: 400, code: expectedMobile[state] });
      expect(await mobileError(device.rejectOperation(operationId))).toEqual({ status: 400, code: expectedMobile[state] });
      await expect(cancelOperation({ actor: testActor, operationId })).rejects.toMatchObject({ code: "ERROR_OPERATION_STATE_CHANGE" });
      await expect(createOfflineQr({ actor: testActor, operationId, registrationId })).rejects.toMatchObject({ code: "ERROR_OPERATION_STATE_CHANGE" });
      const { otp } = device.offlineOtp(qr.operationQrCodeData);
      await expect(verifyOperationOtp({ actor: testActor, operationId, registrationId, otp, nonce: qr.nonce })).rejects.toMatchObject({ code: "ERROR_OPERATION_STATE_CHANGE" });
      await handleOperationCallback({ actor: testActor, applicationId: app.id, operationId });
      expect(await historyOf(operationId)).toEqual(before);
      expect((await getOperation({ actor: testActor, operationId })).status).toBe(state);
    });
  }
});
