/**
 * The per-user support timeline on a real database: registration, operation and verification
 * history of one user merged newest first, exact keyset paging when rows of different tables
 * share a millisecond, the application filter, other users left out, bad cursors refused, and the
 * query plan reading each table through its user index (no sort of the whole table).
 */
import crypto from "node:crypto";

import { describe, expect, it } from "vitest";

import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { makeActiveRegistration, makeApplication, makeCredential, makeStaff, testActor, uniqueId } from "@/server/testing/factories";

import { authenticateCredential } from "../credentials/authenticate-credential";
import { changeRegistrationStatus } from "../registrations/change-registration-status";
import { listUserTimeline } from "./list-user-timeline";

/** An operation of the user with its history rows, written as the operations services will (read-only here). */
async function makeOperationHistory(applicationId: string, userId: string, at: Date[]) {
  const template = await db.operationTemplate.create({
    data: { name: uniqueId("tpl"), operationType: "login", dataTemplate: "A2", signatureTypes: ["possession_knowledge"], expirationSeconds: 300, maxFailureCount: 5, texts: {} },
  });
  const operationId = crypto.randomUUID();
  await db.operation.create({
    data: {
      id: operationId,
      applicationId,
      userId,
      templateId: template.id,
      templateName: template.name,
      operationType: "login",
      data: "A2",
      status: "APPROVED",
      signatureTypes: ["possession_knowledge"],
      maxFailureCount: 5,
      expiresAt: new Date(Date.now() + 300_000),
    },
  });
  const statuses = [null, "PENDING"] as const;
  for (const [index, createdAt] of at.entries()) {
    await db.operationHistory.create({
      data: { operationId, applicationId, userId, fromStatus: statuses[index % 2] ?? null, toStatus: index % 2 ? "APPROVED" : "PENDING", actorType: "SYSTEM", actorLabel: "test", createdAt },
    });
  }
  return operationId;
}

async function makeSignatureEvents(registrationId: string, applicationId: string, userId: string, at: Date[]) {
  for (const createdAt of at) {
    await db.signatureEvent.create({
      data: { registrationId, applicationId, userId, kind: "SIGNATURE", signatureType: "possession", valid: true, note: "signature_ok", data: "POST\n/pa/test\n{\"secret\":1}", createdAt },
    });
  }
}

async function walk(userId: string, limit: number, applicationId?: string) {
  const seen: Awaited<ReturnType<typeof listUserTimeline>>["items"] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listUserTimeline({ actor: testActor, userId, applicationId, cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("the timeline did not end");
}

describe("the per-user support timeline", () => {
  it("merges registration, operation and verification history newest first, and pages exactly across ties", async () => {
    const { app, userId, registrationId } = await makeActiveRegistration();
    await changeRegistrationStatus({ actor: testActor, registrationId, change: "BLOCK", blockReason: "LOST_DEVICE" });
    // Rows of all three tables in the same milliseconds, in the future so they come first.
    const tie = new Date(Date.now() + 60_000);
    const later = new Date(tie.getTime() + 1);
    const operationId = await makeOperationHistory(app.id, userId, [tie, later]);
    await makeSignatureEvents(registrationId, app.id, userId, [tie, tie, later]);
    await db.registrationHistory.create({ data: { registrationId, applicationId: app.id, userId, fromStatus: "BLOCKED", toStatus: "ACTIVE", actorType: "SYSTEM", actorLabel: "test", createdAt: tie } });

    const all = await walk(userId, 1000);
    // Newest first; within a millisecond verification, then operation, then registration rows, each newest id first.
    expect(all.slice(0, 6).map((entry) => [entry.createdAt.getTime() - tie.getTime(), entry.source])).toEqual([
      [1, "verification"],
      [1, "operation"],
      [0, "verification"],
      [0, "verification"],
      [0, "operation"],
      [0, "registration"],
    ]);
    expect(all[1]).toMatchObject({ source: "operation", operationId, fromStatus: "PENDING", toStatus: "APPROVED", registrationId: null });
    expect(all[0]).toMatchObject({ source: "verification", kind: "SIGNATURE", valid: true, reason: "signature_ok", request: "POST /pa/test", registrationId });
    // The signed body never leaves the server.
    expect(JSON.stringify(all)).not.toContain("secret");
    // The real history: CREATED, PENDING_COMMIT, ACTIVE, BLOCKED (with its reason), oldest last.
    const registrationRows = all.filter((entry) => entry.source === "registration" && entry.createdAt < tie);
    expect(registrationRows.map((entry) => [entry.fromStatus, entry.toStatus, entry.reason])).toEqual([
      ["ACTIVE", "BLOCKED", "LOST_DEVICE"],
      ["PENDING_COMMIT", "ACTIVE", null],
      ["CREATED", "PENDING_COMMIT", null],
      [null, "CREATED", null],
    ]);
    expect(all).toHaveLength(10);

    // Every page size gives the same sequence, no row twice, none lost.
    for (const size of [1, 2, 3, 5, 7]) {
      expect((await walk(userId, size)).map((entry) => entry.key)).toEqual(all.map((entry) => entry.key));
    }
  });

  it("keeps to the user and, when asked, to one application", async () => {
    const first = await makeActiveRegistration();
    const otherApp = await makeApplication();
    await makeSignatureEvents(first.registrationId, otherApp.id, first.userId, [new Date()]);
    const someoneElse = await makeActiveRegistration({ app: first.app });

    const everything = await walk(first.userId, 50);
    expect(everything.every((entry) => entry.source !== "registration" || entry.registrationId === first.registrationId)).toBe(true);
    expect(everything.some((entry) => entry.registrationId === someoneElse.registrationId)).toBe(false);
    expect(everything.filter((entry) => entry.applicationId === otherApp.id)).toHaveLength(1);
    const scoped = await walk(first.userId, 50, first.app.id);
    expect(scoped).toHaveLength(everything.length - 1);
    expect(scoped.every((entry) => entry.applicationId === first.app.id)).toBe(true);
  });

  it("refuses a cursor it did not make, bank credentials, and people without the right to read", async () => {
    await expect(listUserTimeline({ actor: testActor, userId: "u", cursor: "garbage" })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    const forged = Buffer.from(`${new Date().toISOString()}|9|1`).toString("base64url");
    await expect(listUserTimeline({ actor: testActor, userId: "u", cursor: forged })).rejects.toMatchObject({ code: "ERROR_REQUEST" });
    const app = await makeApplication();
    const credential = await makeCredential("APPLICATION", app.id);
    const backend = await authenticateCredential(credential.username, credential.password);
    await expect(listUserTimeline({ actor: backend, userId: "u" })).rejects.toMatchObject({ code: "HTTP_403" });
    const { actor: viewer } = await makeStaff("VIEWER");
    expect((await listUserTimeline({ actor: viewer, userId: uniqueId("nobody") })).items).toEqual([]);
  });

  it("reads each table through its user index, whatever else is in it", async () => {
    const { app, userId, registrationId } = await makeActiveRegistration();
    await db.$transaction(async (tx) => {
      // A customer with a long history across applications (and other customers): a plan without
      // the user index would read and sort all of this user's events for every page.
      await tx.$executeRaw`
        INSERT INTO signature_event (registration_id, application_id, user_id, kind, signature_type, valid, note, created_at)
        SELECT ${registrationId}::uuid, CASE WHEN i % 3 = 0 THEN ${app.id} ELSE 'APP_' || (i % 7) END,
               CASE WHEN i % 2 = 0 THEN ${userId} ELSE 'other-' || (i % 500) END, 'SIGNATURE', 'possession', true, 'signature_ok', now() - make_interval(secs => i)
          FROM generate_series(1, 40000) AS i`;
      await tx.$executeRaw`ANALYZE signature_event`;
      const [plan] = await tx.$queryRaw<{ "QUERY PLAN": unknown }[]>(
        Prisma.sql`EXPLAIN (FORMAT JSON) SELECT id FROM signature_event s WHERE s.user_id = ${userId} AND (s.created_at, s.id) < (${new Date()}, ${BigInt(1) << BigInt(40)}) ORDER BY s.created_at DESC, s.id DESC LIMIT 51`,
      );
      expect(JSON.stringify(plan)).toContain("signature_event_user_id_created_at_id_idx");
      expect(JSON.stringify(plan)).not.toContain('"Sort"');
      throw new Rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  });
});

class Rollback extends Error {}
