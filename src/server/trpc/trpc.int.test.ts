import { describe, expect, it } from "vitest";

import type { StaffRole } from "@/schemas/staff";
import { db } from "@/server/db";
import type { StaffActor } from "@/server/services/staff/get-staff-actor";
import { makeApplication, makeStaff } from "@/server/testing/factories";

import { createCallerFactory } from "./init";
import { appRouter } from "./root";

const createCaller = createCallerFactory(appRouter);

async function callerFor(role: StaffRole, mustChangePassword = false) {
  const { actor, user } = await makeStaff(role);
  const staff: StaffActor = { ...actor, name: user.name, mustChangePassword };
  return { caller: createCaller({ actor: staff }), user };
}

describe("console API (tRPC) permissions", () => {
  it("refuses everything to a signed-out caller", async () => {
    const caller = createCaller({ actor: null });
    await expect(caller.applications.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("lets a viewer read everything and change nothing", async () => {
    const app = await makeApplication(["R"]);
    const { caller, user } = await callerFor("VIEWER");
    expect((await caller.applications.get({ id: app.id })).canWrite).toBe(false);
    expect((await caller.applications.list({ search: app.id })).items).toHaveLength(1);
    expect((await caller.credentials.list({})).items).toBeInstanceOf(Array);
    expect((await caller.staff.list({})).items).toBeInstanceOf(Array);
    expect((await caller.audit.list({})).items.length).toBeGreaterThan(0);

    const before = await db.auditEvent.count();
    const attempts = [
      caller.applications.create({ id: `viewer-${Date.now()}`, roles: [] }),
      caller.applications.addRoles({ id: app.id, roles: ["X"] }),
      caller.applications.removeRoles({ id: app.id, roles: ["R"] }),
      caller.applications.createVersion({ id: app.id, name: "v2" }),
      caller.applications.setVersionSupport({ id: app.id, versionName: "default", supported: false }),
      caller.applications.setConfig({ id: app.id, key: "fido2_attestation_fmt_allowed", values: ["packed"] }),
      caller.applications.removeConfig({ id: app.id, key: "fido2_attestation_fmt_allowed" }),
      caller.credentials.create({ scope: "ADMIN", name: `viewer-${Date.now()}` }),
      caller.credentials.revoke({ id: crypto.randomUUID() }),
      caller.credentials.rotate({ id: crypto.randomUUID(), graceSeconds: 0 }),
      caller.staff.invite({ email: "new@bank.test", name: "New", role: "VIEWER" }),
      caller.staff.setRole({ id: user.id, role: "ADMINISTRATOR" }),
      caller.staff.setDisabled({ id: user.id, disabled: true }),
      caller.staff.resetPassword({ id: user.id }),
      caller.audit.verify(),
    ];
    for (const result of await Promise.allSettled(attempts)) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.auditEvent.count()).toBe(before);
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("VIEWER");
  });

  it("maps service errors to tRPC codes and keeps the documented code", async () => {
    const { caller } = await callerFor("ADMINISTRATOR");
    const app = await makeApplication();
    await expect(caller.applications.create({ id: app.id, roles: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `Application already exists: ${app.id}`,
    });
    await expect(caller.applications.get({ id: "missing-app" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.applications.create({ id: "bad id!", roles: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets an administrator work, and records the staff member as the actor", async () => {
    const { caller, user } = await callerFor("ADMINISTRATOR");
    const id = `console-${Date.now()}`;
    await caller.applications.create({ id, roles: ["PAYMENTS"] });
    const created = await caller.credentials.create({ scope: "APPLICATION", name: `${id}-backend`, applicationId: id });
    expect(created.password).toBeTruthy();
    const events = await db.auditEvent.findMany({ where: { applicationId: id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorType, e.actorLabel])).toEqual([
      ["application.create", "STAFF", user.email],
      ["credential.create", "STAFF", user.email],
    ]);
  });

  it("holds a member who must change the password to just that", async () => {
    const { caller } = await callerFor("ADMINISTRATOR", true);
    expect((await caller.account.me()).mustChangePassword).toBe(true);
    await expect(caller.applications.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers list filters from a hand-edited URL with empty pages, not errors", async () => {
    const { caller } = await callerFor("VIEWER");
    const nothing = await caller.credentials.list({ applicationId: "no such app!", search: "%_".repeat(50), page: 999 });
    expect(nothing).toMatchObject({ total: 0, items: [] });
    expect((await caller.staff.list({ search: "%", page: 50 })).items).toEqual([]);
    expect((await caller.applications.list({ search: "_%\\", sort: "createdAt", direction: "desc" })).items).toEqual([]);
    await expect(caller.credentials.list({ page: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
