/**
 * The audit log's query plans on a log of 100 000 entries: every filter of the console reads about
 * as many rows as its page shows (through an index, or walking back from the cursor when matches
 * are common), never the whole log. The entries are inserted in a
 * transaction that is rolled back, so the real chain never sees them.
 */
import { describe, expect, it } from "vitest";

import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";

import { type AuditFilter, auditPageQuery, distinctAuditValuesQuery, type IdBound } from "./audit-query";

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** Rows of the log a plan read: those it kept and those its filters threw away. */
function rowsRead(nodes: PlanNode[]): number {
  return nodes
    .filter((node) => node["Relation Name"] === "audit_event")
    .reduce((sum, node) => sum + ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1), 0);
}

class Rollback extends Error {}

const ROWS = 100_000;
const HOUR = 3_600_000;

describe("audit log query plans", () => {
  it("reads about as many rows as a page shows, for every filter, however long the log", async () => {
    const plans: Record<string, PlanNode[]> = {};
    const now = Date.now();
    // [name, filter, cursor, most rows the page may read, index it must use]
    // A position in the list: the entry written `seconds` ago (ids run with time).
    const at = (seconds: number) => ({ createdAt: new Date(now - seconds * 1000), id: 9_000_000_000_000n });
    const window = { from: new Date(now - 25 * HOUR), to: new Date(now - 24 * HOUR) };
    // [name, filter, cursor, most rows the page may read, index it must use]
    const cases: [string, AuditFilter, IdBound, number, string | null][] = [
      ["newest", {}, {}, 60, "audit_event_created_at_id_idx"],
      ["older page", {}, { before: at(40_000) }, 60, "audit_event_created_at_id_idx"],
      // A common action may be found fastest by walking back from the cursor; a rare one needs its index.
      ["common action", { actions: ["staff.invite"] }, { before: at(10_000) }, 1_000, null],
      ["rare action", { actions: ["staff.role"] }, { before: at(10_000) }, 60, "audit_event_action_created_at_id_idx"],
      ["area", { actions: ["staff.invite", "staff.role"] }, {}, 1_000, null],
      ["actor", { actor: "auditor@bank.test" }, {}, 60, "audit_event_actor_label_created_at_id_idx"],
      ["target type", { targetType: "credential" }, { before: at(40_000) }, 1_000, null],
      ["target id", { targetId: "target-42" }, {}, 60, "audit_event_target_id_created_at_id_idx"],
      ["application, oldest first", { applicationId: "APP_12" }, { after: at(99_000) }, 60, "audit_event_application_id_created_at_id_idx"],
      ["last hour", { from: new Date(now - HOUR), to: new Date(now) }, {}, 60, null],
      ["an hour a day ago", window, {}, 60, "audit_event_created_at_id_idx"],
      ["a rare action in an hour a day ago", { ...window, actions: ["staff.role"] }, {}, 60, "audit_event_action_created_at_id_idx"],
    ];

    await db
      .$transaction(
        async (tx) => {
          // Ids follow time, as recordAuditEvent writes them; a few values are rare, most are common.
          await tx.$executeRaw`
            INSERT INTO audit_event (created_at, actor_type, actor_label, action, target_type, target_id, application_id, prev_hash, hash, hash_version)
            SELECT now() - make_interval(secs => ${ROWS} - i),
                   'STAFF', CASE WHEN i % 1000 = 0 THEN 'auditor@bank.test' ELSE 'user' || (i % 40) || '@bank.test' END,
                   CASE WHEN i % 500 = 0 THEN 'staff.role'
                        ELSE (ARRAY['staff.invite','application.create','application.roles.add','credential.create','credential.revoke','application.config.set','staff.sign-in'])[1 + i % 7] END,
                   (ARRAY['staff','application','credential'])[1 + i % 3], 'target-' || (i % 5000),
                   CASE WHEN i % 4 = 0 THEN 'APP_' || (i % 100) END, md5('p' || i) || md5('q' || i), md5('h' || i) || md5('k' || i), 2
            FROM generate_series(1, ${ROWS}) AS i`;
          await tx.$executeRaw`ANALYZE audit_event`;
          const explain = async (query: Prisma.Sql) => {
            const [row] = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`);
            return nodesOf(row!["QUERY PLAN"][0].Plan);
          };
          for (const [name, filter, bound] of cases) {
            plans[name] = await explain(auditPageQuery(filter, bound, bound.after === undefined ? "newest" : "oldest", 51));
          }
          for (const column of ["action", "target_type"] as const) plans[`distinct ${column}`] = await explain(distinctAuditValuesQuery(column));
          throw new Rollback();
        },
        { timeout: 60_000 },
      )
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });

    for (const [name, , , most, index] of cases) {
      const nodes = plans[name]!;
      expect(nodes.filter((node) => node["Relation Name"] === "audit_event").map((node) => node["Node Type"]), name).not.toContain("Seq Scan");
      expect(rowsRead(nodes), name).toBeLessThanOrEqual(most);
      if (index) expect(nodes.map((node) => node["Index Name"]), name).toContain(index);
    }
    // The dropdowns' values come from skipping through an index, one probe per distinct value.
    expect(plans["distinct action"]!.map((node) => node["Index Name"])).toContain("audit_event_action_created_at_id_idx");
    expect(rowsRead(plans["distinct action"]!)).toBeLessThan(100);
    expect(plans["distinct target_type"]!.map((node) => node["Index Name"])).toContain("audit_event_target_type_created_at_id_idx");
    expect(rowsRead(plans["distinct target_type"]!)).toBeLessThan(100);
    expect(await db.auditEvent.count({ where: { actorLabel: "auditor@bank.test" } })).toBe(0);
  });
});
