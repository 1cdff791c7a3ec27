import { describe, expect, it } from "vitest";

import { db } from "@/server/db";
import type { StaffActor } from "@/server/services/staff/get-staff-actor";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { makeApplication, makeCredential, makeStaff, testActor, uniqueId } from "@/server/testing/factories";

import { revokeCredential } from "../credentials/revoke-credential";
import { exportAuditEvents } from "./export-audit-events";
import { listAuditEvents } from "./list-audit-events";
import { listAuditFilterOptions } from "./list-audit-filter-options";
import { recordAuditEvent } from "./record-audit-event";

const createCaller = createCallerFactory(appRouter);

async function viewerCaller() {
  const { actor, user } = await makeStaff("VIEWER");
  const staff: StaffActor = { ...actor, name: user.name, mustChangePassword: false };
  return { caller: createCaller({ actor: staff }), actor };
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe("audit log list", () => {
  it("names staff and credential targets by e-mail and user name, in the page's one query", async () => {
    const { user } = await makeStaff("OPERATOR");
    const app = await makeApplication();
    const credential = await makeCredential("APPLICATION", app.id);
    await revokeCredential({ actor: testActor, idOrUsername: credential.id });

    const invited = await listAuditEvents({ actor: testActor, input: { targetId: user.id, pageSize: 10 } });
    expect(invited.items[0]).toMatchObject({ action: "staff.invite", targetType: "staff", targetLabel: user.email, targetDetail: user.name });
    const revoked = await listAuditEvents({ actor: testActor, input: { targetId: credential.id, pageSize: 10 } });
    expect(revoked.items.map((item) => [item.action, item.targetLabel])).toEqual([
      ["credential.revoke", credential.username],
      ["credential.create", credential.username],
    ]);
    const application = await listAuditEvents({ actor: testActor, input: { applicationId: app.id, action: "application.create", pageSize: 10 } });
    expect(application.items[0]).toMatchObject({ targetType: "application", targetId: app.id, targetLabel: null });

    // A target id that is not a uuid, or names nobody, keeps its raw id (and is no error).
    await db.$transaction((tx) => recordAuditEvent(tx, { actor: testActor, action: "test.odd-target", targetType: "staff", targetId: "not-a-uuid" }));
    const odd = await listAuditEvents({ actor: testActor, input: { targetId: "not-a-uuid", pageSize: 1 } });
    expect(odd.items[0]).toMatchObject({ targetId: "not-a-uuid", targetLabel: null });
  });

  it("pages by keyset, newer and older, with the filters kept", async () => {
    const app = await makeApplication();
    for (let i = 0; i < 7; i++) {
      await db.$transaction((tx) =>
        recordAuditEvent(tx, { actor: testActor, action: "test.page", targetType: "test", targetId: `p${i}`, applicationId: app.id }),
      );
    }
    const filter = { applicationId: app.id, action: "test.page", pageSize: 3 };
    const first = await listAuditEvents({ actor: testActor, input: filter });
    expect(first.items.map((item) => item.targetId)).toEqual(["p6", "p5", "p4"]);
    expect(first.newerCursor).toBeNull();
    const second = await listAuditEvents({ actor: testActor, input: { ...filter, before: first.olderCursor! } });
    expect(second.items.map((item) => item.targetId)).toEqual(["p3", "p2", "p1"]);
    const third = await listAuditEvents({ actor: testActor, input: { ...filter, before: second.olderCursor! } });
    expect(third.items.map((item) => item.targetId)).toEqual(["p0"]);
    expect(third.olderCursor).toBeNull();

    const back = await listAuditEvents({ actor: testActor, input: { ...filter, after: third.newerCursor! } });
    expect(back.items.map((item) => item.targetId)).toEqual(["p3", "p2", "p1"]);
    const top = await listAuditEvents({ actor: testActor, input: { ...filter, after: back.newerCursor! } });
    expect(top.items.map((item) => item.targetId)).toEqual(["p6", "p5", "p4"]);
    expect(top.newerCursor).toBeNull();
    expect(top.olderCursor).toBe(first.olderCursor);
  });

  it("filters by a whole area, actor, target type and time, and offers the actions and target types in the log", async () => {
    const app = await makeApplication();
    const area = `area${Date.now()}`;
    const started = new Date();
    for (const action of [`${area}.one`, `${area}.two`, `${area}x.other`]) {
      await db.$transaction((tx) => recordAuditEvent(tx, { actor: testActor, action, targetType: "widget", targetId: action, applicationId: app.id }));
    }
    const byArea = await listAuditEvents({ actor: testActor, input: { action: `${area}.*`, pageSize: 10 } });
    expect(byArea.items.map((item) => item.action)).toEqual([`${area}.two`, `${area}.one`]);
    const none = await listAuditEvents({ actor: testActor, input: { action: "nothing-here.*", pageSize: 10 } });
    expect(none.items).toEqual([]);
    const byActor = await listAuditEvents({ actor: testActor, input: { actor: testActor.label, applicationId: app.id, pageSize: 10 } });
    expect(byActor.items).toHaveLength(4);
    const byType = await listAuditEvents({ actor: testActor, input: { targetType: "widget", from: started.toISOString(), pageSize: 10 } });
    expect(byType.items.map((item) => item.action)).toEqual([`${area}x.other`, `${area}.two`, `${area}.one`]);
    const future = await listAuditEvents({ actor: testActor, input: { applicationId: app.id, from: new Date(Date.now() + 60_000).toISOString(), pageSize: 10 } });
    expect(future.items).toEqual([]);

    const options = await listAuditFilterOptions({ actor: testActor });
    expect(options.actions).toEqual(expect.arrayContaining([`${area}.one`, `${area}.two`, "application.create"]));
    expect(options.targetTypes).toEqual(expect.arrayContaining(["widget", "application"]));
    expect([...options.actions].sort()).toEqual(options.actions);
  });

  it("answers bad input with a client error, never a 500", async () => {
    const { caller } = await viewerCaller();
    for (const input of [
      { before: "9223372036854775808" },
      { before: "not-a-number" },
      { after: "-1" },
      { before: "12", after: "10" },
      { action: "'; DROP TABLE audit_event; --" },
      { from: "yesterday" },
      { pageSize: 5000 },
    ]) {
      await expect(caller.audit.list(input)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    // A cursor within range that names no entry is explained, not a server error.
    await expect(caller.audit.list({ before: "9223372036854775807" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no audit entry/) });
  });
});

describe("audit log export", () => {
  it("streams every matching entry oldest first, as CSV or JSON Lines, and is audited itself", async () => {
    const app = await makeApplication(["A", "B"]);
    const { actor } = await makeStaff("VIEWER");
    const expected = await db.auditEvent.findMany({ where: { applicationId: app.id }, orderBy: { id: "asc" } });
    expect(expected.length).toBeGreaterThanOrEqual(1);

    const jsonl = await exportAuditEvents({ actor, input: { format: "jsonl", applicationId: app.id } });
    expect(jsonl).toMatchObject({ contentType: "application/jsonl; charset=utf-8", filename: expect.stringMatching(/^guardline-audit-.*\.jsonl$/) });
    const lines = (await collect(jsonl.chunks)).trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(expected.map((row) => row.id.toString()));
    expect(lines[0]).toMatchObject({ action: "application.create", hash: expected[0]!.hash, prevHash: expected[0]!.prevHash, hashVersion: 2 });

    const csv = await exportAuditEvents({ actor, input: { format: "csv", applicationId: app.id } });
    const rows = (await collect(csv.chunks)).split("\r\n");
    expect(rows[0]).toMatch(/^id,createdAt,actorType,/);
    expect(rows.filter(Boolean)).toHaveLength(expected.length + 1);
    expect(rows[1]).toContain(`,application.create,application,${app.id},`);

    const audits = await db.auditEvent.findMany({ where: { action: "audit.export", actorId: actor.id }, orderBy: { id: "asc" } });
    expect(audits.map((row) => (row.after as { format: string }).format)).toEqual(["jsonl", "csv"]);
    expect(audits[0]!.after).toMatchObject({ filter: { applicationId: app.id } });
  });

  it("exports in batches, and stops at the log as it was when it started", async () => {
    const target = uniqueId("bulk");
    for (let i = 0; i < 7; i++) {
      await db.$transaction((tx) => recordAuditEvent(tx, { actor: testActor, action: "test.bulk", targetType: "test", targetId: target, after: { i } }));
    }
    const exported = await exportAuditEvents({ actor: testActor, input: { format: "jsonl", targetId: target }, batchSize: 3 });
    const iterator = exported.chunks[Symbol.asyncIterator]();
    const firstBatch = await iterator.next();
    expect(firstBatch.value!.trimEnd().split("\n").map((line: string) => JSON.parse(line).after.i)).toEqual([0, 1, 2]);
    // Written after the export started: not part of it.
    await db.$transaction((tx) => recordAuditEvent(tx, { actor: testActor, action: "test.bulk", targetType: "test", targetId: target, after: { i: 7 } }));
    const rest: number[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      rest.push(...next.value.trimEnd().split("\n").map((line) => JSON.parse(line).after.i as number));
    }
    expect(rest).toEqual([3, 4, 5, 6]);
  });
});
