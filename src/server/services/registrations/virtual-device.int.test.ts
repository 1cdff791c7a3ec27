/**
 * The console's virtual device on a real database and a real socket: this test serves the
 * product's REST routes on a loopback port (as the server would) and points `selfUrl` at it, so
 * the simulator activates over HTTP, its state is sealed in `virtual_device`, its test signatures
 * are counted and block the registration like a phone's, and every step is staff-only and audited.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { resetEnvCache } from "@/env";
import { db } from "@/server/db";
import { inProcessFetch, makeCredential, makeRegistration, makeStaff, makeTemplate, PAYMENT, TEST_OTP, testActor } from "@/server/testing/factories";

import { authenticateCredential } from "../credentials/authenticate-credential";
import { activateVirtualDevice } from "./activate-virtual-device";
import { createOperation } from "../operations/create-operation";
import { commitRegistration } from "./commit-registration";
import { decideVirtualDeviceOperation } from "./decide-virtual-device-operation";
import { discardVirtualDevice } from "./discard-virtual-device";
import { getVirtualDevice } from "./get-virtual-device";
import { listVirtualDeviceOperations } from "./list-virtual-device-operations";
import { refreshVirtualDeviceStatus } from "./refresh-virtual-device-status";
import { signWithVirtualDevice } from "./sign-with-virtual-device";

let server: http.Server;
const saved = { PORT: process.env.PORT, HOST: process.env.HOST };

beforeAll(async () => {
  // The product's routes behind a real socket: what the virtual device reaches at selfUrl.
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      inProcessFetch(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body })
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.PORT = String((server.address() as AddressInfo).port);
  delete process.env.HOST;
  resetEnvCache();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
});

describe("the console's virtual device", () => {
  it("activates over the mobile API, shows the fingerprint, signs, counts a wrong PIN, reads its status and is discarded", async () => {
    const { registrationId } = await makeRegistration();
    const { actor } = await makeStaff("OPERATOR");

    const activated = await activateVirtualDevice({ actor, registrationId });
    const row = await db.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { status: true, fingerprint: true, platform: true, protocolVersion: true } });
    expect(row).toEqual({ status: "PENDING_COMMIT", fingerprint: activated.fingerprint, platform: "virtual", protocolVersion: "3.3" });
    expect(activated).toMatchObject({ registrationStatus: "PENDING_COMMIT", activationId: registrationId, createdBy: actor.label, removed: false });
    // The state is sealed: no key material in the row.
    const stored = await db.virtualDevice.findUniqueOrThrow({ where: { registrationId } });
    expect(stored.stateEncrypted).toMatch(/^v1\./);
    expect(stored.stateEncrypted).not.toContain("devicePrivateKey");

    expect(await signWithVirtualDevice({ actor, registrationId, signatureType: "possession_knowledge" })).toMatchObject({ signatureValid: false, note: "activation_invalid_state" });
    await commitRegistration({ actor, registrationId });
    expect(await signWithVirtualDevice({ actor, registrationId, signatureType: "possession_knowledge" })).toMatchObject({
      signatureValid: true,
      note: "signature_ok",
      registrationStatus: "ACTIVE",
      remainingAttempts: 5,
    });
    expect(await signWithVirtualDevice({ actor, registrationId, signatureType: "possession_knowledge", wrongPin: true })).toMatchObject({
      signatureValid: false,
      note: "signature_does_not_match",
      remainingAttempts: 4,
    });
    // After the wrong PIN, the right one still works (the real knowledge key was kept).
    expect(await signWithVirtualDevice({ actor, registrationId, signatureType: "possession_knowledge" })).toMatchObject({ signatureValid: true });
    await expect(signWithVirtualDevice({ actor, registrationId, signatureType: "possession", wrongPin: true })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    expect(await refreshVirtualDeviceStatus({ actor, registrationId })).toMatchObject({ state: "ACTIVE", failedAttempts: 0, maxFailedAttempts: 5 });

    const events = await db.signatureEvent.findMany({ where: { registrationId }, orderBy: { id: "asc" }, select: { valid: true, note: true } });
    expect(events.map((event) => event.note)).toEqual(["activation_invalid_state", "signature_ok", "signature_does_not_match", "signature_ok"]);

    await discardVirtualDevice({ actor, registrationId });
    expect(await getVirtualDevice({ actor, registrationId })).toBeNull();
    expect((await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).status).toBe("ACTIVE");
    const audit = await db.auditEvent.findMany({ where: { targetId: registrationId, actorId: actor.id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(audit.map((entry) => entry.action)).toEqual(["registration.virtual-device.activate", "registration.commit", "registration.virtual-device.discard"]);
  });

  it("blocks the registration after the maximum of wrong PINs, as a phone's would", async () => {
    const { registrationId } = await makeRegistration();
    const { actor } = await makeStaff("ADMINISTRATOR");
    await activateVirtualDevice({ actor, registrationId });
    await commitRegistration({ actor, registrationId });
    let last;
    for (let i = 0; i < 5; i++) last = await signWithVirtualDevice({ actor, registrationId, signatureType: "possession_knowledge", wrongPin: true });
    expect(last).toMatchObject({ signatureValid: false, registrationStatus: "BLOCKED", remainingAttempts: 0 });
    const history = await db.registrationHistory.findMany({ where: { registrationId }, orderBy: { id: "desc" }, take: 1 });
    expect(history[0]).toMatchObject({ toStatus: "BLOCKED", reason: "MAX_FAILED_ATTEMPTS", actorType: "STAFF" });
    expect(await refreshVirtualDeviceStatus({ actor, registrationId })).toMatchObject({ state: "BLOCKED" });
  });

  it("shows the customer's pending operations as the phone does, and approves or rejects them there", async () => {
    const { registrationId, app, userId } = await makeRegistration();
    const { actor } = await makeStaff("OPERATOR");
    await activateVirtualDevice({ actor, registrationId });
    await commitRegistration({ actor, registrationId });
    const template = await makeTemplate();
    const payment = await createOperation({ actor: testActor, applicationId: app.id, userId, template: template.name, parameters: PAYMENT });
    const other = await createOperation({ actor: testActor, applicationId: app.id, userId, template: template.name, parameters: PAYMENT });

    const pending = await listVirtualDeviceOperations({ actor, registrationId });
    expect(pending.map((operation) => operation.id).sort()).toEqual([payment.operationId, other.operationId].sort());
    expect(pending[0]).toMatchObject({ title: "Confirm payment", message: expect.stringContaining(PAYMENT.amount), allowedSignatureTypes: expect.arrayContaining(["possession_knowledge"]) });

    await decideVirtualDeviceOperation({ actor, registrationId, operationId: payment.operationId, decision: "approve" });
    await decideVirtualDeviceOperation({ actor, registrationId, operationId: other.operationId, decision: "reject" });
    const statuses = await db.operation.findMany({ where: { id: { in: [payment.operationId, other.operationId] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({ [payment.operationId]: "APPROVED", [other.operationId]: "REJECTED" });
    expect(await listVirtualDeviceOperations({ actor, registrationId })).toEqual([]);
    // Finished is finished: the server's refusal comes back in words.
    await expect(decideVirtualDeviceOperation({ actor, registrationId, operationId: payment.operationId, decision: "approve" })).rejects.toMatchObject({
      code: "ERROR_REGISTRATION",
      message: expect.stringContaining("OPERATION_ALREADY_FINISHED"),
    });
    const { actor: viewer } = await makeStaff("VIEWER");
    await expect(listVirtualDeviceOperations({ actor: viewer, registrationId })).rejects.toMatchObject({ code: "HTTP_403" });
  });

  it("takes the OTP the customer would type, and refuses what is not for it", async () => {
    const withOtp = await makeRegistration({ otpValidation: "ON_KEY_EXCHANGE" });
    const { actor: operator } = await makeStaff("OPERATOR");
    await expect(activateVirtualDevice({ actor: operator, registrationId: withOtp.registrationId })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    expect(await activateVirtualDevice({ actor: operator, registrationId: withOtp.registrationId, otp: TEST_OTP })).toMatchObject({ registrationStatus: "ACTIVE" });
    // Only a CREATED registration, only once.
    await expect(activateVirtualDevice({ actor: operator, registrationId: withOtp.registrationId, otp: TEST_OTP })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_CHANGE" });

    const other = await makeRegistration();
    const { actor: viewer } = await makeStaff("VIEWER");
    await expect(activateVirtualDevice({ actor: viewer, registrationId: other.registrationId })).rejects.toMatchObject({ code: "HTTP_403" });
    const credential = await makeCredential("APPLICATION", other.app.id);
    const backend = await authenticateCredential(credential.username, credential.password);
    await expect(activateVirtualDevice({ actor: backend, registrationId: other.registrationId })).rejects.toMatchObject({ code: "HTTP_403" });
    await expect(activateVirtualDevice({ actor: operator, registrationId: "not-a-uuid" })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    await expect(signWithVirtualDevice({ actor: operator, registrationId: other.registrationId, signatureType: "possession" })).rejects.toMatchObject({
      code: "ERROR_REGISTRATION_CHANGE",
    });
    expect((await db.registration.findUniqueOrThrow({ where: { id: other.registrationId } })).status).toBe("CREATED");
  });
});
