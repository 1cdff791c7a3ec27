import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import { verifyPassword } from "@/server/security/password";
import { makeStaff, testActor } from "@/server/testing/factories";

import { bootstrapFirstAdmin } from "./bootstrap-first-admin";
import { changeOwnPassword } from "./change-own-password";
import { getStaffActor } from "./get-staff-actor";
import { inviteStaff } from "./invite-staff";
import { assertAnotherActiveAdmin } from "./last-admin-guard";
import { listStaff } from "./list-staff";
import { resetStaffPassword } from "./reset-staff-password";
import { setStaffDisabled } from "./set-staff-disabled";
import { setStaffRole } from "./set-staff-role";

// Sign-in (throttle, lockout, audit) is tested in sign-in-staff.int.test.ts.

describe("staff management", () => {
  it("ends sessions when the password, role or status changes", async () => {
    const { user } = await makeStaff("OPERATOR");
    const version = (await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    expect(await getStaffActor(user.id, version)).toMatchObject({ role: "OPERATOR" });
    await setStaffRole({ actor: testActor, id: user.id, role: "VIEWER" });
    expect(await getStaffActor(user.id, version)).toBeNull();
    expect(await getStaffActor(user.id, version + 1)).toMatchObject({ role: "VIEWER" });
    await setStaffDisabled({ actor: testActor, id: user.id, disabled: true });
    expect(await getStaffActor(user.id, version + 2)).toBeNull();
  });

  it("makes an invited member choose a password that follows the rules", async () => {
    const { user, temporaryPassword, actor } = await makeStaff("VIEWER");
    await expect(changeOwnPassword({ actor, currentPassword: temporaryPassword, newPassword: "short" })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    await expect(changeOwnPassword({ actor, currentPassword: "not-it-at-all", newPassword: "A-good-long-passphrase" })).rejects.toMatchObject({
      message: "The current password is not correct",
    });
    await changeOwnPassword({ actor, currentPassword: temporaryPassword, newPassword: "A-good-long-passphrase" });
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, "A-good-long-passphrase")).toBe(true);
  });

  it("never leaves the product without an enabled administrator", async () => {
    // Another administrator exists: the change goes through, and that one stays enabled.
    const { user } = await makeStaff("ADMINISTRATOR");
    const other = await makeStaff("ADMINISTRATOR");
    await setStaffDisabled({ actor: testActor, id: user.id, disabled: true });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: other.user.id } })).disabledAt).toBeNull();

    // The last one: seen inside a transaction that demotes every other administrator and is then
    // rolled back, so no other test (they share the database) ever sees a product without one.
    const rolledBack = new Error("rolled back");
    await expect(
      db.$transaction(async (tx) => {
        await tx.staffUser.updateMany({ where: { role: "ADMINISTRATOR", id: { not: other.user.id } }, data: { role: "OPERATOR" } });
        await expect(assertAnotherActiveAdmin(tx, other.user.id)).rejects.toMatchObject({ code: "ERROR_REQUEST", message: expect.stringMatching(/last enabled administrator/) });
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await db.staffUser.count({ where: { role: "ADMINISTRATOR", disabledAt: null } })).toBeGreaterThan(0);
  });

  it("serialises the last-administrator check: a second change waits for the first to finish", async () => {
    // Two administrators changing each other at once, when they are the last two, must not both
    // pass the count. The guard locks the enabled administrators' rows: while one transaction
    // holds them, another one's check waits.
    const a = await makeStaff("ADMINISTRATOR");
    const b = await makeStaff("ADMINISTRATOR");
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.$transaction(async (tx) => {
      await assertAnotherActiveAdmin(tx, a.user.id);
      order.push("first checked");
      await held;
      order.push("first done");
    });
    while (!order.includes("first checked")) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = db.$transaction(async (tx) => {
      await assertAnotherActiveAdmin(tx, b.user.id);
      order.push("second checked");
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push("released");
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first checked", "released", "first done", "second checked"]);
  });

  it("lets only administrators manage staff, and refuses duplicates", async () => {
    const { user, actor: operator } = await makeStaff("OPERATOR");
    await expect(inviteStaff({ actor: operator, email: "x@bank.test", name: "X", role: "VIEWER" })).rejects.toMatchObject({ code: "HTTP_403" });
    await expect(resetStaffPassword({ actor: operator, id: user.id })).rejects.toMatchObject({ code: "HTTP_403" });
    await expect(inviteStaff({ actor: testActor, email: user.email.toUpperCase(), name: "Again", role: "VIEWER" })).rejects.toMatchObject({
      code: "ERROR_CONFLICT",
    });
  });

  it("creates the first administrator only once", async () => {
    // Once the database has staff, nothing happens (the launcher relies on this on every start).
    await makeStaff("VIEWER");
    expect(await bootstrapFirstAdmin({ email: "first@bank.test" })).toBeNull();
    expect(await db.staffUser.count({ where: { email: "first@bank.test" } })).toBe(0);
  });

  it("lists staff a page at a time, searched by name or e-mail, filtered and sorted", async () => {
    const tag = `list${Date.now().toString(36)}`;
    for (const [name, role] of [["Carla", "VIEWER"], ["Anna", "OPERATOR"], ["Bert", "VIEWER"]] as const) {
      await inviteStaff({ actor: testActor, email: `${name.toLowerCase()}.${tag}@bank.test`, name: `${name} ${tag}`, role });
    }
    const names = async (input: Partial<Parameters<typeof listStaff>[0]>) =>
      (await listStaff({ actor: testActor, search: tag.toUpperCase(), ...input })).items.map((member) => member.name.split(" ")[0]);
    expect(await names({})).toEqual(["Anna", "Bert", "Carla"]);
    expect(await names({ sort: "name", direction: "desc" })).toEqual(["Carla", "Bert", "Anna"]);
    expect(await names({ role: "VIEWER" })).toEqual(["Bert", "Carla"]);
    expect(await names({ search: `carla.${tag}` })).toEqual(["Carla"]);
    const page = await listStaff({ actor: testActor, search: tag, page: 2, pageSize: 2 });
    expect([page.total, page.items.length]).toEqual([3, 1]);
    expect(JSON.stringify(page)).not.toContain("passwordHash");
    const bert = (await listStaff({ actor: testActor, search: `bert.${tag}` })).items[0]!;
    await setStaffDisabled({ actor: testActor, id: bert.id, disabled: true });
    expect(await names({ status: "disabled" })).toEqual(["Bert"]);
    expect(await names({ status: "active" })).toEqual(["Anna", "Carla"]);
  });
});
