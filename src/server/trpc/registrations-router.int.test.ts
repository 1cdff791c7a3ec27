/**
 * The console's registrations API (tRPC) on a real database: who may do what (viewers read,
 * operators change, the activation code only to those who may change), every change audited,
 * and the list's filters and keyset pages in both directions.
 */
import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import type { StaffActor } from "@/server/services/staff/get-staff-actor";
import { makeActiveRegistration, makeApplication, makeRegistration, makeStaff, testActor, uniqueId } from "@/server/testing/factories";

import { createRegistration } from "../services/registrations/create-registration";
import { saveVirtualDevice, sealDeviceState } from "../services/registrations/virtual-device-store";
import { createCallerFactory } from "./init";
import { appRouter } from "./root";

const createCaller = createCallerFactory(appRouter);

async function callerFor(role: "ADMINISTRATOR" | "OPERATOR" | "VIEWER") {
  const { actor, user } = await makeStaff(role);
  const staff: StaffActor = { ...actor, name: user.name, mustChangePassword: false };
  return { caller: createCaller({ actor: staff }), user };
}

describe("console registrations API", () => {
  it("lets a viewer read a registration, its history and timeline, withholds the activation code, and refuses every change", async () => {
    const created = await makeRegistration({ flags: ["KEEP"] });
    const active = await makeActiveRegistration();
    const { caller } = await callerFor("VIEWER");

    const detail = await caller.registrations.get({ registrationId: created.registrationId });
    expect(detail).toMatchObject({ status: "CREATED", activation: null, activationWithheld: true, canWrite: false, flags: ["KEEP"], allowedChanges: ["REMOVE"] });
    expect(JSON.stringify(detail)).not.toContain(created.activationCode);
    expect((await caller.registrations.history({ registrationId: active.registrationId })).map((row) => row.toStatus)).toEqual(["CREATED", "PENDING_COMMIT", "ACTIVE"]);
    expect((await caller.support.timeline({ userId: active.userId })).items).toHaveLength(3);
    expect(await caller.registrations.virtualDevice({ registrationId: active.registrationId })).toBeNull();

    const before = await db.auditEvent.count();
    const attempts = [
      caller.registrations.create({ applicationId: created.app.id, userId: uniqueId("viewer") }),
      caller.registrations.block({ registrationId: active.registrationId, blockReason: "X" }),
      caller.registrations.unblock({ registrationId: active.registrationId }),
      caller.registrations.remove({ registrationId: active.registrationId }),
      caller.registrations.commit({ registrationId: active.registrationId }),
      caller.registrations.changeFlags({ registrationId: created.registrationId, change: "replace", flags: [] }),
      caller.registrations.activateVirtualDevice({ registrationId: created.registrationId }),
      caller.registrations.signWithVirtualDevice({ registrationId: active.registrationId, signatureType: "possession" }),
      caller.registrations.virtualDeviceStatus({ registrationId: active.registrationId }),
      caller.registrations.discardVirtualDevice({ registrationId: active.registrationId }),
    ];
    for (const result of await Promise.allSettled(attempts)) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.auditEvent.count()).toBe(before);
    expect((await db.registration.findUniqueOrThrow({ where: { id: active.registrationId } })).status).toBe("ACTIVE");
  });

  it("lets an operator create, see the code, block with a reason, unblock, change flags and remove, each audited", async () => {
    const app = await makeApplication();
    const { caller, user } = await callerFor("OPERATOR");
    const userId = uniqueId("cust");
    const created = await caller.registrations.create({ applicationId: app.id, userId, flags: ["A"] });
    const detail = await caller.registrations.get({ registrationId: created.registrationId });
    expect(detail.activation).toEqual({ qrCodeData: created.activationQrCodeData, code: created.activationCode });
    expect(detail.canWrite).toBe(true);

    await expect(caller.registrations.block({ registrationId: created.registrationId, blockReason: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // CREATED may only be removed (the documented table).
    await expect(caller.registrations.block({ registrationId: created.registrationId, blockReason: "LOST" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "ERROR_REGISTRATION_CHANGE" },
    });
    await caller.registrations.changeFlags({ registrationId: created.registrationId, change: "add", flags: ["B", "A"] });
    await caller.registrations.changeFlags({ registrationId: created.registrationId, change: "remove", flags: ["A"] });
    expect((await caller.registrations.get({ registrationId: created.registrationId })).flags).toEqual(["B"]);

    const active = await makeActiveRegistration({ app });
    await caller.registrations.block({ registrationId: active.registrationId, blockReason: "LOST_DEVICE" });
    expect(await caller.registrations.get({ registrationId: active.registrationId })).toMatchObject({ status: "BLOCKED", blockedReason: "LOST_DEVICE", allowedChanges: ["UNBLOCK", "REMOVE"] });
    await caller.registrations.unblock({ registrationId: active.registrationId });
    await caller.registrations.remove({ registrationId: active.registrationId });
    expect((await caller.registrations.get({ registrationId: active.registrationId })).status).toBe("REMOVED");

    const audit = await db.auditEvent.findMany({ where: { actorId: user.id }, orderBy: { id: "asc" }, select: { action: true, targetId: true } });
    expect(audit.map((entry) => entry.action)).toEqual([
      "registration.create",
      "registration.flags",
      "registration.flags",
      "registration.block",
      "registration.unblock",
      "registration.remove",
    ]);
  });

  it("commits a PENDING_COMMIT registration, with the OTP when it is checked at commit", async () => {
    const { caller } = await callerFor("OPERATOR");
    const pending = await makeActiveRegistration({ commit: false, otpValidation: "ON_COMMIT" });
    expect((await caller.registrations.get({ registrationId: pending.registrationId })).fingerprint).toBe(pending.fingerprint);
    await expect(caller.registrations.commit({ registrationId: pending.registrationId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.registrations.commit({ registrationId: pending.registrationId, otp: "wrong-otp" })).rejects.toMatchObject({
      message: expect.stringContaining("attempts left"),
    });
    await caller.registrations.commit({ registrationId: pending.registrationId, otp: "12345678" });
    expect((await caller.registrations.get({ registrationId: pending.registrationId })).status).toBe("ACTIVE");
  });

  it("filters the list by registration or user ID, flag and status, and pages by keyset both ways", async () => {
    const app = await makeApplication();
    const { caller } = await callerFor("VIEWER");
    const flag = uniqueId("F").replace(/-/g, "_");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const made = await createRegistration({ actor: testActor, applicationId: app.id, userId: uniqueId("list"), flags: i % 2 ? [flag] : [] });
      ids.push(made.registrationId);
    }
    const newestFirst = [...ids].reverse();
    const page = (input: Partial<Parameters<typeof caller.registrations.list>[0]>) => caller.registrations.list({ applicationId: app.id, pageSize: 3, ...input });

    const first = await page({});
    expect(first.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.newerCursor).toBeNull();
    const second = await page({ cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual(newestFirst.slice(3, 6));
    expect(second.newerCursor).not.toBeNull();
    const third = await page({ cursor: second.nextCursor! });
    expect(third.items.map((item) => item.id)).toEqual(newestFirst.slice(6));
    expect(third.nextCursor).toBeNull();
    // Back towards the newest: the same pages again.
    const back = await page({ newerThan: third.newerCursor! });
    expect(back.items.map((item) => item.id)).toEqual(newestFirst.slice(3, 6));
    const top = await page({ newerThan: back.newerCursor! });
    expect(top.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 3));
    expect(top.newerCursor).toBeNull();

    expect((await page({ flag, pageSize: 10 })).items.map((item) => item.id)).toEqual(newestFirst.filter((id) => ids.indexOf(id) % 2 === 1));
    expect((await page({ search: ids[2]!.toUpperCase() })).items.map((item) => item.id)).toEqual([ids[2]]);
    const userId = (await db.registration.findUniqueOrThrow({ where: { id: ids[4]! } })).userId;
    expect((await page({ search: userId })).items.map((item) => item.id)).toEqual([ids[4]]);
    expect((await page({ userId })).items.map((item) => item.id)).toEqual([ids[4]]);
    expect((await page({ status: "ACTIVE" })).items).toEqual([]);
    await expect(page({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a virtual-device save that lost a race, so two uses cannot overwrite each other's counter step", async () => {
    const { registrationId, device, fingerprint } = await makeActiveRegistration();
    await db.virtualDevice.create({ data: { registrationId, stateEncrypted: sealDeviceState(registrationId, device.state), createdBy: "test" } });
    await saveVirtualDevice(registrationId, 0, device.state);
    await expect(saveVirtualDevice(registrationId, 0, device.state)).rejects.toMatchObject({ code: "ERROR_CONFLICT" });
    const { caller } = await callerFor("VIEWER");
    expect(await caller.registrations.virtualDevice({ registrationId })).toMatchObject({ activationId: registrationId, fingerprint, createdBy: "test" });
  });
});
