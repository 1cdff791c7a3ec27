import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import type { AuditEvent } from "@/generated/prisma/client";
import { db, type DbTx } from "@/server/db";
import { makeApplication, testActor } from "@/server/testing/factories";

import { addApplicationRoles } from "../applications/add-application-roles";
import { getAuditChainKey } from "./audit-chain-key";
import { computeAuditHash, computeLegacyAuditHash, GENESIS_HASH } from "./audit-hash";
import { checkAuditChain } from "./check-audit-chain";
import { findAuditEntryIdByHash, readAuditChain } from "./read-audit-chain";
import { recordAuditEvent } from "./record-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";

async function audit(action: string, after: unknown = {}) {
  await db.$transaction((tx) => recordAuditEvent(tx, { actor: testActor, action, targetType: "test", targetId: action, after }));
  return db.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
}

const verify = () => verifyAuditChain({ actor: testActor, trigger: "test" });
const headFile = () => path.join(process.env.DATA_DIR!, "audit-head.json");

/** Puts rows back exactly as they were (same ids, content and hashes). */
async function restore(rows: AuditEvent[]) {
  for (const row of rows) {
    const data = { ...row, before: row.before ?? undefined, after: row.after ?? undefined } as Parameters<typeof db.auditEvent.create>[0]["data"];
    await db.auditEvent.upsert({ where: { id: row.id }, create: data, update: data });
  }
}

/** Recomputes the hashes from `rows[0]` on, as someone rewriting the log would. */
async function reseal(client: DbTx | typeof db, rows: AuditEvent[], seal: (prevHash: string, row: AuditEvent) => { hash: string; hashVersion: number }) {
  let prevHash = (await client.auditEvent.findFirst({ where: { id: { lt: rows[0]!.id } }, orderBy: { id: "desc" } }))?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const sealed = seal(prevHash, row);
    await client.auditEvent.update({
      where: { id: row.id },
      data: { prevHash, hash: sealed.hash, hashVersion: sealed.hashVersion, after: row.after ?? undefined },
    });
    prevHash = sealed.hash;
  }
}

const withoutKey = (prevHash: string, row: AuditEvent) => ({ hash: computeLegacyAuditHash(prevHash, row), hashVersion: 2 });
const asLegacy = (prevHash: string, row: AuditEvent) => ({ hash: computeLegacyAuditHash(prevHash, row), hashVersion: 1 });

class Rollback extends Error {}

describe("audit hash chain", () => {
  it("links every entry to the previous one with a keyed hash, verifies, and records the head twice", async () => {
    const first = await audit(`test.link.${Date.now()}.a`, { n: 1, nested: { b: 2, a: [1, "x"] } });
    const second = await audit(`test.link.${Date.now()}.b`, { when: new Date("2026-01-02T03:04:05.678Z") });
    expect(second.prevHash).toBe(first.hash);
    expect(second.hashVersion).toBe(2);
    expect(second.hash).toBe(computeAuditHash(first.hash, second, getAuditChainKey()));

    const result = await verify();
    expect(result).toMatchObject({ ok: true, brokenAtId: null, headId: second.id.toString(), headHash: second.hash, legacyEntries: 0 });
    expect(result.entries).toBeGreaterThanOrEqual(2);
    const stored = await db.auditVerification.findFirstOrThrow({ orderBy: { verifiedAt: "desc" } });
    expect(stored).toMatchObject({ ok: true, trigger: "test", headId: second.id, headHash: second.hash, entries: result.entries });
    const file = JSON.parse(fs.readFileSync(headFile(), "utf8"));
    expect(file).toMatchObject({ headId: second.id.toString(), headHash: second.hash, entries: result.entries });
    expect(fs.statSync(headFile()).mode & 0o777).toBe(0o600);
  });

  it("stays one linear chain under concurrent writers", async () => {
    const app = await makeApplication();
    await Promise.all(Array.from({ length: 12 }, (_, i) => addApplicationRoles({ actor: testActor, id: app.id, roles: [`R${i}`] })));
    expect((await verify()).ok).toBe(true);
    expect(await db.applicationRole.count({ where: { applicationId: app.id } })).toBe(12);
  });

  it("detects a changed entry, and names it", async () => {
    const victim = await audit(`test.tamper.${Date.now()}`, { amount: 100 });
    await audit(`test.tamper.after.${Date.now()}`);
    await db.auditEvent.update({ where: { id: victim.id }, data: { after: { amount: 1_000_000 } } });
    try {
      const result = await verify();
      expect(result).toMatchObject({ ok: false, brokenAtId: victim.id.toString() });
      expect(result.message).toMatch(/changed/);
    } finally {
      await restore([victim]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it("detects an entry rewritten with the following hashes recomputed by the product's formula without the key", async () => {
    const victim = await audit(`test.rehash.${Date.now()}`, { amount: 100 });
    const rest = [await audit(`test.rehash.next1.${Date.now()}`), await audit(`test.rehash.next2.${Date.now()}`)];
    const originals = [victim, ...rest];
    try {
      // Claimed as keyed entries: the MAC does not match.
      await reseal(db, [{ ...victim, after: { amount: 1_000_000 } }, ...rest], withoutKey);
      let result = await verify();
      expect(result).toMatchObject({ ok: false, brokenAtId: victim.id.toString() });
      expect(result.message).toMatch(/keyed hash/);

      // Claimed as legacy entries (plain SHA-256 is what the earlier version wrote): refused after keyed ones.
      await reseal(db, [{ ...victim, after: { amount: 1_000_000 } }, ...rest], asLegacy);
      result = await verify();
      expect(result).toMatchObject({ ok: false, brokenAtId: victim.id.toString() });
      expect(result.message).toMatch(/legacy SHA-256\) hash after keyed entries/);
    } finally {
      await restore(originals);
    }
    // With the key the same rewrite would verify: that is why the key never goes into the database.
    expect((await verify()).ok).toBe(true);
  });

  it("detects removed newest entries after a verification, in the database and, without its rows, in the head file", async () => {
    await audit(`test.truncate.keep.${Date.now()}`);
    const newest = [await audit(`test.truncate.a.${Date.now()}`), await audit(`test.truncate.b.${Date.now()}`)];
    const verified = await verify();
    expect(verified.ok).toBe(true);
    const verifications = await db.auditVerification.findMany();

    await db.auditEvent.deleteMany({ where: { id: { in: newest.map((row) => row.id) } } });
    try {
      let result = await verify();
      expect(result).toMatchObject({ ok: false, brokenAtId: newest[1]!.id.toString(), entries: verified.entries - 2 });
      expect(result.message).toMatch(/newest entries were removed/);

      // Someone who can write the database deletes the verifications that saw those entries too.
      await db.auditVerification.deleteMany();
      result = await verify();
      expect(result).toMatchObject({ ok: false, brokenAtId: newest[1]!.id.toString() });
      expect(result.message).toMatch(/the head file .*audit-head\.json.*newest entries were removed/);
    } finally {
      await restore(newest);
      await db.auditVerification.deleteMany();
      await db.auditVerification.createMany({ data: verifications });
    }
    expect((await verify()).ok).toBe(true);
  });

  it("checks a head the operator kept elsewhere", async () => {
    const kept = await verify();
    const head = { id: BigInt(kept.headId!), hash: kept.headHash! };
    await audit(`test.kept.${Date.now()}`);
    expect((await verifyAuditChain({ actor: testActor, trigger: "test", expectedHead: head })).ok).toBe(true);
    const wrong = await verifyAuditChain({ actor: testActor, trigger: "test", expectedHead: { ...head, hash: "0".repeat(63) + "1" } });
    expect(wrong).toMatchObject({ ok: false, brokenAtId: kept.headId });
    expect(wrong.message).toMatch(/the head you gave/);
  });

  it("refuses a fork: a second entry that follows the same one", async () => {
    const parent = await audit(`test.fork.${Date.now()}`);
    const child = await audit(`test.fork.child.${Date.now()}`);
    const forged = {
      createdAt: new Date(),
      actorType: "SYSTEM" as const,
      actorLabel: "forger",
      action: "test.forged",
      targetType: "test",
      targetId: "fork",
      prevHash: parent.hash,
      hash: "e".repeat(64),
      hashVersion: 2,
    };
    await expect(db.auditEvent.create({ data: forged })).rejects.toMatchObject({ code: "P2002" });
    expect(await db.auditEvent.count({ where: { prevHash: parent.hash } })).toBe(1);
    expect(child.prevHash).toBe(parent.hash);
  });

  it("names an entry inserted out of order, into a gap in the ids", async () => {
    const before = await audit(`test.order.${Date.now()}`);
    // A rolled-back change still used up an id: a gap, as real logs have.
    await db
      .$transaction(async (tx) => {
        await recordAuditEvent(tx, { actor: testActor, action: "test.rolled-back", targetType: "test", targetId: "x" });
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    const head = await audit(`test.order.after.${Date.now()}`);
    const gapId = before.id + 1n;
    expect(head.id).toBeGreaterThan(gapId);

    // The only free link is the head's; the forged entry takes it, at a lower id than the head.
    const fields = { createdAt: new Date(), actorType: "SYSTEM" as const, actorId: null, actorLabel: "forger", action: "test.forged", targetType: "test", targetId: "gap", applicationId: null, before: null, after: null, requestId: null };
    const forged = await db.auditEvent.create({
      data: { ...fields, id: gapId, before: undefined, after: undefined, prevHash: head.hash, hash: computeLegacyAuditHash(head.hash, fields), hashVersion: 2 },
    });
    try {
      const result = await verify();
      expect(result).toMatchObject({ ok: false, brokenAtId: forged.id.toString() });
      expect(result.message).toMatch(new RegExp(`links to entry ${head.id}, not to entry ${before.id} before it \\(inserted out of order`));
    } finally {
      await db.auditEvent.delete({ where: { id: forged.id } });
    }
    expect((await verify()).ok).toBe(true);
  });

  it("keeps verifying entries the earlier version hashed with plain SHA-256, as a prefix sealed by the first keyed entry", async () => {
    await audit(`test.legacy.${Date.now()}`);
    await db
      .$transaction(
        async (tx) => {
          // The log as the earlier version left it: every entry plain SHA-256 (version 1 after the migration).
          const existing = await tx.auditEvent.findMany({ orderBy: { id: "asc" } });
          await reseal(tx, existing, asLegacy);
          // The upgraded server appends keyed entries.
          for (const action of ["test.legacy.upgraded.a", "test.legacy.upgraded.b"]) {
            await recordAuditEvent(tx, { actor: testActor, action, targetType: "test", targetId: action });
          }
          const options = { key: getAuditChainKey(), anchors: [], findIdByHash: findAuditEntryIdByHash(tx) };
          expect(await checkAuditChain(readAuditChain(tx), options)).toMatchObject({ ok: true, entries: existing.length + 2, legacyEntries: existing.length });

          // Rewriting inside the legacy prefix (no key needed) breaks the link of the first keyed entry.
          const target = existing.at(-2)!;
          await reseal(tx, [{ ...target, after: { forged: true } }, existing.at(-1)!], asLegacy);
          const firstKeyed = await tx.auditEvent.findFirstOrThrow({ where: { hashVersion: 2 }, orderBy: { id: "asc" } });
          expect(await checkAuditChain(readAuditChain(tx), options)).toMatchObject({ ok: false, broken: { id: firstKeyed.id } });
          throw new Rollback();
        },
        { timeout: 30_000 },
      )
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect((await verify()).ok).toBe(true);
  });

  it("fails on a damaged head file and leaves it for an operator to look at", async () => {
    const original = fs.readFileSync(headFile(), "utf8");
    fs.writeFileSync(headFile(), "{ not json", { mode: 0o600 });
    try {
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/head file .* is not a head this server wrote/);
      expect(fs.readFileSync(headFile(), "utf8")).toBe("{ not json");
    } finally {
      fs.writeFileSync(headFile(), original, { mode: 0o600 });
    }
    expect((await verify()).ok).toBe(true);
  });
});
