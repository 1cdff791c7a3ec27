import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import { makeApplication, makeCredential, makeStaff, testActor, uniqueId } from "@/server/testing/factories";

import { authenticateCredential } from "./authenticate-credential";
import { createCredential } from "./create-credential";
import { listCredentials } from "./list-credentials";
import { revokeCredential } from "./revoke-credential";
import { rotateCredential } from "./rotate-credential";
import { searchCredentials } from "./search-credentials";

describe("integration credentials", () => {
  it("returns the secret once, stores only a keyed hash, and authenticates with it", async () => {
    const app = await makeApplication();
    const created = await makeCredential("APPLICATION", app.id);
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.integrationCredential.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secretHash).not.toContain(created.password);

    const actor = await authenticateCredential(created.username, created.password);
    expect(actor).toMatchObject({ type: "CREDENTIAL", scope: "APPLICATION", applicationId: app.id, label: created.username });

    const listed = await listCredentials({ actor: testActor, applicationId: app.id });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.password);
    expect(Object.keys(listed[0]!)).not.toContain("secretHash");
  });

  it("refuses wrong secrets, unknown names and revoked credentials with the documented 401", async () => {
    const admin = await makeCredential("ADMIN");
    await expect(authenticateCredential(admin.username, `${admin.password}x`)).rejects.toMatchObject({ code: "HTTP_401", message: "Unauthorized" });
    await expect(authenticateCredential("no-such-user", admin.password)).rejects.toMatchObject({ code: "HTTP_401" });
    await revokeCredential({ actor: testActor, idOrUsername: admin.username });
    await expect(authenticateCredential(admin.username, admin.password)).rejects.toMatchObject({ code: "HTTP_401" });
    const revoked = await revokeCredential({ actor: testActor, idOrUsername: admin.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(revokeCredential({ actor: testActor, idOrUsername: "nobody-here" })).rejects.toMatchObject({ code: "ERROR_NOT_FOUND" });
  });

  it("keeps names unique and binds application credentials to an existing application", async () => {
    const name = uniqueId("same");
    await createCredential({ actor: testActor, name, scope: "ADMIN" });
    await expect(createCredential({ actor: testActor, name, scope: "ADMIN" })).rejects.toMatchObject({ code: "ERROR_CONFLICT" });
    await expect(createCredential({ actor: testActor, name: uniqueId("x"), scope: "APPLICATION", applicationId: "missing-app" })).rejects.toMatchObject({
      code: "ERROR_ADMIN",
    });
  });

  it("records creation and revocation in the audit log, without the secret", async () => {
    const created = await makeCredential("ADMIN");
    await revokeCredential({ actor: testActor, idOrUsername: created.id });
    const events = await db.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["credential.create", "credential.revoke"]);
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(created.password);
  });

  it("is refused by the database itself when scope and application disagree", async () => {
    const app = await makeApplication();
    for (const [scope, applicationId] of [["ADMIN", app.id], ["APPLICATION", null]] as const) {
      await expect(
        db.$executeRawUnsafe(
          "INSERT INTO integration_credential (id, username, scope, application_id, secret_hash, created_by) VALUES (gen_random_uuid(), $1, $2::credential_scope, $3, 'x', 'test')",
          uniqueId("bad"),
          scope,
          applicationId,
        ),
      ).rejects.toThrow(/integration_credential_scope_application_check/);
    }
  });

  it("is managed by administrators only", async () => {
    for (const role of ["VIEWER", "OPERATOR"] as const) {
      const { actor } = await makeStaff(role);
      await expect(createCredential({ actor, name: uniqueId("x"), scope: "ADMIN" })).rejects.toMatchObject({ code: "HTTP_403" });
      await expect(revokeCredential({ actor, idOrUsername: "whatever" })).rejects.toMatchObject({ code: "HTTP_403" });
    }
    const { actor } = await makeStaff("ADMINISTRATOR");
    expect((await createCredential({ actor, name: uniqueId("ok"), scope: "ADMIN" })).password).toBeTruthy();
  });

  it("rotates: the new password works at once, the old one during the grace period only", async () => {
    const created = await makeCredential("ADMIN");
    const rotated = await rotateCredential({ actor: testActor, id: created.id, graceSeconds: 3600 });
    expect(rotated).toMatchObject({ id: created.id, username: created.username, scope: "ADMIN" });
    expect(rotated.password).not.toBe(created.password);
    expect(rotated.previousValidUntil!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(await authenticateCredential(created.username, rotated.password)).toMatchObject({ id: created.id });
    expect(await authenticateCredential(created.username, created.password)).toMatchObject({ id: created.id });
    await expect(authenticateCredential(created.username, "neither-of-them")).rejects.toMatchObject({ code: "HTTP_401" });

    // Once the grace period is over (here: moved into the past), only the new password works,
    // and reading does not clear the stale hash (a read must not write).
    await db.integrationCredential.update({ where: { id: created.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    await expect(authenticateCredential(created.username, created.password)).rejects.toMatchObject({ code: "HTTP_401" });
    expect(await authenticateCredential(created.username, rotated.password)).toMatchObject({ id: created.id });
    expect((await db.integrationCredential.findUniqueOrThrow({ where: { id: created.id } })).previousSecretHash).not.toBeNull();
  });

  it("rotates without grace: the old password stops at once; a second rotation ends the one before", async () => {
    const created = await makeCredential("ADMIN");
    const first = await rotateCredential({ actor: testActor, id: created.id, graceSeconds: 0 });
    expect(first.previousValidUntil).toBeNull();
    await expect(authenticateCredential(created.username, created.password)).rejects.toMatchObject({ code: "HTTP_401" });
    const row = await db.integrationCredential.findUniqueOrThrow({ where: { id: created.id } });
    expect([row.previousSecretHash, row.previousSecretExpiresAt]).toEqual([null, null]);
    expect(row.rotatedAt).toBeInstanceOf(Date);

    const second = await rotateCredential({ actor: testActor, id: created.id, graceSeconds: 600 });
    const third = await rotateCredential({ actor: testActor, id: created.id, graceSeconds: 600 });
    await expect(authenticateCredential(created.username, first.password)).rejects.toMatchObject({ code: "HTTP_401" });
    expect(await authenticateCredential(created.username, second.password)).toBeTruthy();
    expect(await authenticateCredential(created.username, third.password)).toBeTruthy();
  });

  it("revoking during a grace period refuses both passwords, and a revoked credential cannot be rotated", async () => {
    const created = await makeCredential("ADMIN");
    const rotated = await rotateCredential({ actor: testActor, id: created.id, graceSeconds: 3600 });
    await revokeCredential({ actor: testActor, idOrUsername: created.id });
    for (const password of [created.password, rotated.password]) {
      await expect(authenticateCredential(created.username, password)).rejects.toMatchObject({ code: "HTTP_401" });
    }
    const row = await db.integrationCredential.findUniqueOrThrow({ where: { id: created.id } });
    expect([row.previousSecretHash, row.previousSecretExpiresAt]).toEqual([null, null]);
    await expect(rotateCredential({ actor: testActor, id: created.id, graceSeconds: 0 })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    await expect(rotateCredential({ actor: testActor, id: crypto.randomUUID(), graceSeconds: 0 })).rejects.toMatchObject({ code: "ERROR_NOT_FOUND" });
  });

  it("audits a rotation without any secret or hash, and only administrators may rotate", async () => {
    const created = await makeCredential("ADMIN");
    const before = await db.integrationCredential.findUniqueOrThrow({ where: { id: created.id } });
    const rotated = await rotateCredential({ actor: testActor, id: created.id, graceSeconds: 60 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: created.id, action: "credential.rotate" } });
    expect(event.after).toMatchObject({ username: created.username, graceSeconds: 60, previousSecretValidUntil: rotated.previousValidUntil!.toISOString() });
    const recorded = JSON.stringify([event.before, event.after]);
    for (const secret of [created.password, rotated.password, before.secretHash]) expect(recorded).not.toContain(secret);

    for (const role of ["VIEWER", "OPERATOR"] as const) {
      const { actor } = await makeStaff(role);
      await expect(rotateCredential({ actor, id: created.id, graceSeconds: 0 })).rejects.toMatchObject({ code: "HTTP_403" });
    }
    const { actor } = await makeStaff("ADMINISTRATOR");
    expect((await rotateCredential({ actor, id: created.id, graceSeconds: 0 })).password).toBeTruthy();
  });

  it("refuses a previous hash without an expiry in the database itself", async () => {
    const created = await makeCredential("ADMIN");
    await expect(
      db.$executeRawUnsafe("UPDATE integration_credential SET previous_secret_hash = 'x' WHERE id = $1::uuid", created.id),
    ).rejects.toThrow(/integration_credential_previous_secret_check/);
  });

  it("pages, searches, filters and sorts the console's list", async () => {
    const app = await makeApplication();
    const tag = uniqueId("page").toLowerCase();
    const names = ["c", "a", "d", "b", "e"].map((letter) => `${tag}-${letter}`);
    const made = [];
    for (const name of names) made.push(await createCredential({ actor: testActor, name, scope: "APPLICATION", applicationId: app.id }));
    await revokeCredential({ actor: testActor, idOrUsername: made[4]!.id });
    await createCredential({ actor: testActor, name: `${tag}-admin`, scope: "ADMIN" });
    await db.integrationCredential.update({ where: { id: made[1]!.id }, data: { lastUsedAt: new Date(Date.now() - 60_000) } });
    await db.integrationCredential.update({ where: { id: made[3]!.id }, data: { lastUsedAt: new Date() } });

    const search = (input: Partial<Parameters<typeof searchCredentials>[0]>) =>
      searchCredentials({ actor: testActor, page: 1, pageSize: 50, search: tag.toUpperCase(), ...input });
    const usernames = async (input: Partial<Parameters<typeof searchCredentials>[0]>) => (await search(input)).items.map((c) => c.username.slice(tag.length + 1));

    expect(await usernames({ sort: "username", direction: "asc" })).toEqual(["a", "admin", "b", "c", "d", "e"]);
    expect(await usernames({ applicationId: app.id, sort: "username", direction: "desc" })).toEqual(["e", "d", "c", "b", "a"]);
    expect(await usernames({ scope: "ADMIN" })).toEqual(["admin"]);
    expect(await usernames({ status: "revoked" })).toEqual(["e"]);
    expect((await usernames({ status: "active" })).sort()).toEqual(["a", "admin", "b", "c", "d"]);
    // Newest first by default; never-used ones after the used ones in both directions.
    expect(await usernames({ applicationId: app.id })).toEqual(["e", "b", "d", "a", "c"]);
    expect((await usernames({ applicationId: app.id, sort: "lastUsedAt", direction: "desc" })).slice(0, 2)).toEqual(["b", "a"]);
    expect((await usernames({ applicationId: app.id, sort: "lastUsedAt", direction: "asc" })).slice(0, 2)).toEqual(["a", "b"]);

    const page2 = await search({ sort: "username", direction: "asc", page: 2, pageSize: 4 });
    expect(page2.total).toBe(6);
    expect(page2.items.map((c) => c.username.slice(tag.length + 1))).toEqual(["d", "e"]);
    expect(JSON.stringify(page2)).not.toMatch(/secretHash|previousSecretHash/);
  });
});
