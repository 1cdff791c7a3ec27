import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import { makeApplication, testActor } from "@/server/testing/factories";

import { addApplicationRoles } from "../applications/change-application-roles";
import { recordAuditEvent } from "./record-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";

async function audit(action: string, after: unknown) {
  await db.$transaction((tx) => recordAuditEvent(tx, { actor: testActor, action, targetType: "test", targetId: action, after }));
  return db.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
}

describe("audit hash chain", () => {
  it("links every entry to the previous one and verifies", async () => {
    const first = await audit(`test.link.${Date.now()}.a`, { n: 1, nested: { b: 2, a: [1, "x"] } });
    const second = await audit(`test.link.${Date.now()}.b`, { when: new Date("2026-01-02T03:04:05.678Z") });
    expect(second.prevHash).toBe(first.hash);
    const result = await verifyAuditChain({ actor: testActor, trigger: "test" });
    expect(result).toMatchObject({ ok: true, brokenAtId: null, headHash: second.hash });
    expect(result.entries).toBeGreaterThanOrEqual(2);
    const stored = await db.auditVerification.findFirstOrThrow({ orderBy: { verifiedAt: "desc" } });
    expect(stored).toMatchObject({ ok: true, trigger: "test" });
  });

  it("stays one linear chain under concurrent writers", async () => {
    const app = await makeApplication();
    await Promise.all(Array.from({ length: 12 }, (_, i) => addApplicationRoles({ actor: testActor, id: app.id, roles: [`R${i}`] })));
    const result = await verifyAuditChain({ actor: testActor, trigger: "test" });
    expect(result.ok).toBe(true);
    const roles = await db.applicationRole.count({ where: { applicationId: app.id } });
    expect(roles).toBe(12);
  });

  it("detects a changed entry, and names it", async () => {
    const victim = await audit(`test.tamper.${Date.now()}`, { amount: 100 });
    await audit(`test.tamper.after.${Date.now()}`, {});
    await db.auditEvent.update({ where: { id: victim.id }, data: { after: { amount: 1_000_000 } } });
    try {
      const result = await verifyAuditChain({ actor: testActor, trigger: "test" });
      expect(result.ok).toBe(false);
      expect(result.brokenAtId).toBe(victim.id.toString());
      expect(result.message).toMatch(/changed/);
    } finally {
      await db.auditEvent.update({ where: { id: victim.id }, data: { after: { amount: 100 } } });
    }
    expect((await verifyAuditChain({ actor: testActor, trigger: "test" })).ok).toBe(true);
  });

  it("detects a removed entry by the broken link of the next one", async () => {
    const removed = await audit(`test.remove.${Date.now()}`, { x: 1 });
    const next = await audit(`test.remove.next.${Date.now()}`, { x: 2 });
    await db.auditEvent.delete({ where: { id: removed.id } });
    try {
      const result = await verifyAuditChain({ actor: testActor, trigger: "test" });
      expect(result.ok).toBe(false);
      expect(result.brokenAtId).toBe(next.id.toString());
      expect(result.message).toMatch(/removed or inserted/);
    } finally {
      await db.auditEvent.create({ data: { ...removed, before: undefined, after: removed.after ?? undefined } });
    }
    expect((await verifyAuditChain({ actor: testActor, trigger: "test" })).ok).toBe(true);
  });

  it("detects an inserted entry even when it carries a self-consistent hash", async () => {
    const last = await audit(`test.insert.${Date.now()}`, {});
    const forged = await db.auditEvent.create({
      data: {
        createdAt: new Date(),
        actorType: "SYSTEM",
        actorLabel: "forger",
        action: "test.forged",
        targetType: "test",
        targetId: "x",
        prevHash: "f".repeat(64),
        hash: "e".repeat(64),
      },
    });
    try {
      const result = await verifyAuditChain({ actor: testActor, trigger: "test" });
      expect(result.ok).toBe(false);
      expect(result.brokenAtId).toBe(forged.id.toString());
      expect(last.id < forged.id).toBe(true);
    } finally {
      await db.auditEvent.delete({ where: { id: forged.id } });
    }
  });
});
