/**
 * The registration services on a real database: create, read, list, commit (each OTP mode), every
 * allowed and refused status change, flags, the history rows and their transaction, and the staff
 * audit. Registrations are activated by the device simulator through the real key exchange.
 */
import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import {
  makeActiveRegistration,
  makeApplication,
  makeCredential,
  makeRegistration,
  makeStaff,
  testActor,
  TEST_OTP,
  uniqueId,
} from "@/server/testing/factories";

import type { Actor } from "../access/actor";
import { authenticateCredential } from "../credentials/authenticate-credential";
import { changeRegistrationFlags } from "./change-registration-flags";
import { changeRegistrationStatus } from "./change-registration-status";
import { commitRegistration } from "./commit-registration";
import { createRegistration } from "./create-registration";
import { getRegistration, getRegistrationSummary } from "./get-registration";
import { listRegistrationHistory } from "./list-registration-history";
import { listRegistrations, listUserRegistrations } from "./list-registrations";
import { REGISTRATION_CHANGE_SUBSCRIBERS } from "./registration-changes";

async function credentialActorFor(applicationId: string): Promise<Actor> {
  const credential = await makeCredential("APPLICATION", applicationId);
  return authenticateCredential(credential.username, credential.password);
}

const history = (registrationId: string) =>
  db.registrationHistory.findMany({ where: { registrationId }, orderBy: { id: "asc" }, select: { fromStatus: true, toStatus: true, reason: true, actorType: true, externalUserId: true } });

describe("creating and reading registrations", () => {
  it("creates a CREATED registration with a signed QR code, and reads it in the documented shape", async () => {
    const { app, registrationId, activationQrCodeData, activationCode, userId } = await makeRegistration({ flags: ["F1", "F2", "F1"] });
    expect(activationQrCodeData).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}#[A-Za-z0-9+/=]+$/);
    expect(activationQrCodeData.startsWith(`${activationCode}#`)).toBe(true);
    const actor = await credentialActorFor(app.id);
    const read = await getRegistration({ actor, registrationId });
    expect(read).toEqual({
      registrationId,
      registrationStatus: "CREATED",
      activationQrCodeData,
      flags: ["F1", "F2"],
      timestampCreated: expect.any(Number),
      timestampLastUsed: expect.any(Number),
    });
    expect(await history(registrationId)).toEqual([{ fromStatus: null, toStatus: "CREATED", reason: null, actorType: "CLI", externalUserId: null }]);
    const row = await db.registration.findUniqueOrThrow({ where: { id: registrationId } });
    expect(row.userId).toBe(userId);
    expect(row.serverPrivateKeyEncrypted).toMatch(/^v1\./);
  });

  it("allows one unfinished registration per user, and only in the credential's own application", async () => {
    const { app, userId } = await makeRegistration();
    const actor = await credentialActorFor(app.id);
    await expect(createRegistration({ actor, applicationId: app.id, userId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_ALLOWED" });
    const other = await makeApplication();
    await expect(createRegistration({ actor, applicationId: other.id, userId: uniqueId("u") })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    await expect(createRegistration({ actor, applicationId: app.id, userId: uniqueId("u"), otpValidation: "ON_COMMIT" })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    const { actor: viewer } = await makeStaff("VIEWER");
    await expect(createRegistration({ actor: viewer, applicationId: app.id, userId: uniqueId("u") })).rejects.toMatchObject({ code: "HTTP_403" });
  });

  it("hides other applications' and REMOVED registrations behind ERROR_REGISTRATION_NOT_FOUND", async () => {
    const { app, registrationId } = await makeRegistration();
    const stranger = await credentialActorFor((await makeApplication()).id);
    await expect(getRegistration({ actor: stranger, registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    await expect(changeRegistrationStatus({ actor: stranger, registrationId, change: "REMOVE" })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    const owner = await credentialActorFor(app.id);
    await expect(getRegistration({ actor: owner, registrationId: "not-a-uuid" })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    await changeRegistrationStatus({ actor: owner, registrationId, change: "REMOVE" });
    await expect(getRegistration({ actor: owner, registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    // The console still sees it, with its history; another application's credential sees neither.
    expect((await getRegistrationSummary({ actor: testActor, registrationId })).status).toBe("REMOVED");
    expect((await listRegistrationHistory({ actor: testActor, registrationId })).map((h) => [h.fromStatus, h.toStatus, h.actorType, h.actorLabel])).toEqual([
      [null, "CREATED", "CLI", "cli:test"],
      ["CREATED", "REMOVED", "CREDENTIAL", expect.any(String)],
    ]);
    await expect(listRegistrationHistory({ actor: stranger, registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
  });

  it("reads an expired CREATED registration as CREATED without offering its code (reads change nothing)", async () => {
    const { app, registrationId } = await makeRegistration();
    await db.$executeRaw`UPDATE registration SET expires_at = now() - interval '1 second' WHERE id = ${registrationId}::uuid`;
    const read = await getRegistration({ actor: await credentialActorFor(app.id), registrationId });
    expect(read).toMatchObject({ registrationStatus: "CREATED", activationQrCodeData: null });
    expect((await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).status).toBe("CREATED");
  });

  it("shows PENDING_COMMIT with the fingerprint, and ACTIVE and BLOCKED with the device's details", async () => {
    const pending = await makeActiveRegistration({ version: "3.2", commit: false });
    const actor = await credentialActorFor(pending.app.id);
    expect(await getRegistration({ actor, registrationId: pending.registrationId })).toEqual({
      registrationId: pending.registrationId,
      registrationStatus: "PENDING_COMMIT",
      name: "Simulated device",
      platform: "unknown",
      deviceInfo: "guardline-device-simulator",
      activationFingerprint: pending.fingerprint,
      flags: [],
      timestampCreated: expect.any(Number),
      timestampLastUsed: expect.any(Number),
    });
    await commitRegistration({ actor, registrationId: pending.registrationId });
    const active = await getRegistration({ actor, registrationId: pending.registrationId });
    expect(active).toMatchObject({ registrationStatus: "ACTIVE", name: "Simulated device" });
    expect(active).not.toHaveProperty("activationFingerprint");
    await changeRegistrationStatus({ actor, registrationId: pending.registrationId, change: "BLOCK" });
    expect(await getRegistration({ actor, registrationId: pending.registrationId })).toMatchObject({ registrationStatus: "BLOCKED" });
  });

  it("lists a user's registrations newest first, without REMOVED ones, across keyset pages", async () => {
    const app = await makeApplication();
    const actor = await credentialActorFor(app.id);
    const userId = uniqueId("many");
    for (let i = 0; i < 5; i++) {
      const created = await createRegistration({ actor, applicationId: app.id, userId });
      // Only one unfinished registration at a time: finish (remove) all but the last.
      if (i < 4) await changeRegistrationStatus({ actor, registrationId: created.registrationId, change: "REMOVE" });
    }
    const ordered = await db.registration.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, status: true } });
    const ids = ordered.map((row) => row.id);
    expect(ordered[0]!.status).toBe("CREATED");
    expect((await listUserRegistrations({ actor, userId })).registrations.map((r) => r.registrationId)).toEqual([ids[0]]);
    const all = await listRegistrations({ actor: testActor, filter: { applicationId: app.id, userId, statuses: ["REMOVED", "CREATED"] }, limit: 2 });
    expect(all.items.map((r) => r.id)).toEqual(ids.slice(0, 2));
    const next = await listRegistrations({ actor: testActor, filter: { applicationId: app.id, userId, statuses: ["REMOVED", "CREATED"] }, limit: 2, cursor: all.nextCursor! });
    const last = await listRegistrations({ actor: testActor, filter: { applicationId: app.id, userId, statuses: ["REMOVED", "CREATED"] }, limit: 2, cursor: next.nextCursor! });
    expect([...next.items, ...last.items].map((r) => r.id)).toEqual(ids.slice(2));
    expect(last.nextCursor).toBeNull();
    expect(JSON.stringify(all)).not.toMatch(/serverPrivateKey|otpHash|ctrData/);
    // Another application's credential sees none of them.
    const stranger = await credentialActorFor((await makeApplication()).id);
    expect((await listUserRegistrations({ actor: stranger, userId })).registrations).toEqual([]);
    await expect(listRegistrations({ actor: testActor, cursor: "garbage" })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
  });
});

describe("committing", () => {
  it("commits PENDING_COMMIT only, before expiry, with the history and the external user", async () => {
    const { app, registrationId } = await makeActiveRegistration({ version: "3.1", commit: false });
    const actor = await credentialActorFor(app.id);
    await commitRegistration({ actor, registrationId, externalUserId: "operator-7" });
    await expect(commitRegistration({ actor, registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_CHANGE", message: "Registration cannot be committed, unexpected state: ACTIVE" });
    expect((await history(registrationId)).map((h) => [h.fromStatus, h.toStatus, h.actorType, h.externalUserId])).toEqual([
      [null, "CREATED", "CLI", null],
      ["CREATED", "PENDING_COMMIT", "DEVICE", null],
      ["PENDING_COMMIT", "ACTIVE", "CREDENTIAL", "operator-7"],
    ]);

    const created = await makeRegistration();
    await expect(commitRegistration({ actor: testActor, registrationId: created.registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_CHANGE" });

    const late = await makeActiveRegistration({ commit: false });
    await db.$executeRaw`UPDATE registration SET expires_at = now() - interval '1 second' WHERE id = ${late.registrationId}::uuid`;
    await expect(commitRegistration({ actor: testActor, registrationId: late.registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_CHANGE", message: expect.stringContaining("expired") });
  });

  it("ON_COMMIT: requires the OTP, counts wrong ones, and removes the registration at the maximum", async () => {
    const { registrationId } = await makeActiveRegistration({ otpValidation: "ON_COMMIT", commit: false });
    await expect(commitRegistration({ actor: testActor, registrationId })).rejects.toMatchObject({ code: "ERROR_REQUEST", options: { violations: [expect.objectContaining({ fieldName: "otp" })] } });
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expect(commitRegistration({ actor: testActor, registrationId, otp: "wrong-otp" })).rejects.toMatchObject({
        code: "ERROR_REGISTRATION_CHANGE",
        message: expect.stringContaining(`(${5 - attempt} `),
      });
      expect((await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).failedAttempts).toBe(attempt);
    }
    await expect(commitRegistration({ actor: testActor, registrationId, otp: "wrong-otp" })).rejects.toMatchObject({ message: expect.stringContaining("removed after 5 failed attempts") });
    expect((await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).status).toBe("REMOVED");
    expect((await history(registrationId)).at(-1)).toMatchObject({ fromStatus: "PENDING_COMMIT", toStatus: "REMOVED", reason: "OTP_MAX_FAILED_ATTEMPTS" });
    const audit = await db.auditEvent.findMany({ where: { targetId: registrationId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["registration.create", "registration.remove"]);
  });

  it("ON_COMMIT: the right OTP commits and resets the failed attempts", async () => {
    const { registrationId } = await makeActiveRegistration({ otpValidation: "ON_COMMIT", commit: false });
    await expect(commitRegistration({ actor: testActor, registrationId, otp: "wrong-otp" })).rejects.toThrow();
    await commitRegistration({ actor: testActor, registrationId, otp: TEST_OTP });
    expect(await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).toMatchObject({ status: "ACTIVE", failedAttempts: 0 });
  });

  it("NONE: an OTP sent with the commit is refused and not counted", async () => {
    const { registrationId } = await makeActiveRegistration({ commit: false });
    await expect(commitRegistration({ actor: testActor, registrationId, otp: TEST_OTP })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    expect(await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).toMatchObject({ status: "PENDING_COMMIT", failedAttempts: 0 });
  });

  it("ON_KEY_EXCHANGE: the device's OTP activates at once, nothing is left to commit", async () => {
    const { registrationId } = await makeActiveRegistration({ otpValidation: "ON_KEY_EXCHANGE" });
    expect((await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).status).toBe("ACTIVE");
    await expect(commitRegistration({ actor: testActor, registrationId })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_CHANGE" });
  });
});

describe("status changes", () => {
  it("allows exactly the documented changes from each state", async () => {
    const created = await makeRegistration();
    const pending = await makeActiveRegistration({ commit: false });
    const active = await makeActiveRegistration();
    for (const [id, status] of [
      [created.registrationId, "CREATED"],
      [pending.registrationId, "PENDING_COMMIT"],
    ] as const) {
      for (const change of ["BLOCK", "UNBLOCK"] as const) {
        await expect(changeRegistrationStatus({ actor: testActor, registrationId: id, change })).rejects.toMatchObject({
          code: "ERROR_REGISTRATION_CHANGE",
          message: `Activation is ${status}, you can only REMOVE it.`,
        });
      }
    }
    await expect(changeRegistrationStatus({ actor: testActor, registrationId: active.registrationId, change: "UNBLOCK" })).rejects.toMatchObject({
      message: "Activation is ACTIVE, you can only BLOCK or REMOVE it.",
    });
    await changeRegistrationStatus({ actor: testActor, registrationId: active.registrationId, change: "BLOCK" });
    await expect(changeRegistrationStatus({ actor: testActor, registrationId: active.registrationId, change: "BLOCK" })).rejects.toMatchObject({
      message: "Activation is BLOCKED, you can only UNBLOCK or REMOVE it.",
    });
    for (const id of [created.registrationId, pending.registrationId, active.registrationId]) {
      await changeRegistrationStatus({ actor: testActor, registrationId: id, change: "REMOVE" });
      await expect(changeRegistrationStatus({ actor: testActor, registrationId: id, change: "REMOVE" })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
    }
  });

  it("blocks with a reason (NOT_SPECIFIED by default), unblocks with the failures reset, and audits staff", async () => {
    const { registrationId } = await makeActiveRegistration();
    const { actor } = await makeStaff("OPERATOR");
    await changeRegistrationStatus({ actor, registrationId, change: "BLOCK" });
    expect((await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).blockedReason).toBe("NOT_SPECIFIED");
    await db.$executeRaw`UPDATE registration SET failed_attempts = 3 WHERE id = ${registrationId}::uuid`;
    await changeRegistrationStatus({ actor, registrationId, change: "UNBLOCK", externalUserId: "call-center-1" });
    expect(await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).toMatchObject({ status: "ACTIVE", failedAttempts: 0, blockedReason: null });
    await changeRegistrationStatus({ actor, registrationId, change: "BLOCK", blockReason: "DEVICE_LOST" });
    expect((await history(registrationId)).slice(-3).map((h) => [h.toStatus, h.reason, h.actorType, h.externalUserId])).toEqual([
      ["BLOCKED", "NOT_SPECIFIED", "STAFF", null],
      ["ACTIVE", null, "STAFF", "call-center-1"],
      ["BLOCKED", "DEVICE_LOST", "STAFF", null],
    ]);
    const audit = await db.auditEvent.findMany({ where: { targetId: registrationId }, orderBy: { id: "asc" }, select: { action: true, actorType: true } });
    expect(audit.slice(-3)).toEqual([
      { action: "registration.block", actorType: "STAFF" },
      { action: "registration.unblock", actorType: "STAFF" },
      { action: "registration.block", actorType: "STAFF" },
    ]);
    const { actor: viewer } = await makeStaff("VIEWER");
    await expect(changeRegistrationStatus({ actor: viewer, registrationId, change: "UNBLOCK" })).rejects.toMatchObject({ code: "HTTP_403" });
  });

  it("writes the change and its history row in one transaction: a failing subscriber undoes both", async () => {
    const { registrationId } = await makeActiveRegistration();
    const before = (await history(registrationId)).length;
    const failing = async () => {
      throw new Error("subscriber failed");
    };
    REGISTRATION_CHANGE_SUBSCRIBERS.push(failing);
    try {
      await expect(changeRegistrationStatus({ actor: testActor, registrationId, change: "BLOCK" })).rejects.toThrow("subscriber failed");
    } finally {
      REGISTRATION_CHANGE_SUBSCRIBERS.splice(REGISTRATION_CHANGE_SUBSCRIBERS.indexOf(failing), 1);
    }
    expect((await db.registration.findUniqueOrThrow({ where: { id: registrationId } })).status).toBe("ACTIVE");
    expect(await history(registrationId)).toHaveLength(before);
  });

  it("serialises concurrent changes: of two BLOCKs at once, one wins and the other is refused", async () => {
    const { registrationId } = await makeActiveRegistration();
    const results = await Promise.allSettled([0, 1].map(() => changeRegistrationStatus({ actor: testActor, registrationId, change: "BLOCK" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "ERROR_REGISTRATION_CHANGE" } });
    expect((await history(registrationId)).filter((h) => h.toStatus === "BLOCKED")).toHaveLength(1);
  });
});

describe("flags", () => {
  it("adds (keeping order, no duplicates), replaces and removes flags, in any state but REMOVED", async () => {
    const { app, registrationId } = await makeRegistration({ flags: ["A"] });
    const actor = await credentialActorFor(app.id);
    expect((await changeRegistrationFlags({ actor, registrationId, change: "add", flags: ["B", "A", "C"] })).flags).toEqual(["A", "B", "C"]);
    expect((await changeRegistrationFlags({ actor, registrationId, change: "remove", flags: ["B", "MISSING"] })).flags).toEqual(["A", "C"]);
    expect((await changeRegistrationFlags({ actor, registrationId, change: "replace", flags: ["X", "X"] })).flags).toEqual(["X"]);
    expect((await getRegistration({ actor, registrationId })).flags).toEqual(["X"]);
    await expect(changeRegistrationFlags({ actor, registrationId, change: "add", flags: Array.from({ length: 100 }, (_, i) => `F${i}`) })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    await changeRegistrationStatus({ actor, registrationId, change: "REMOVE" });
    await expect(changeRegistrationFlags({ actor, registrationId, change: "add", flags: ["Y"] })).rejects.toMatchObject({ code: "ERROR_REGISTRATION_NOT_FOUND" });
  });
});
