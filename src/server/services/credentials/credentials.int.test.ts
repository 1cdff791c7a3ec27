import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import { makeApplication, makeCredential, makeStaff, testActor, uniqueId } from "@/server/testing/factories";

import { authenticateCredential } from "./authenticate-credential";
import { createCredential } from "./create-credential";
import { listCredentials } from "./list-credentials";
import { revokeCredential } from "./revoke-credential";

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
});
