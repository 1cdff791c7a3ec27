import { describe, expect, it } from "vitest";

import { csvCell, formatExportHeader, formatExportRow } from "./audit-export-format";
import type { AuditEntryRow } from "./audit-query";

const row: AuditEntryRow = {
  id: 9_007_199_254_740_993n,
  createdAt: new Date("2026-12-02T08:30:00.000Z"),
  actorType: "STAFF",
  actorId: "2b1f0a3c-0000-4000-8000-000000000001",
  actorLabel: "admin@bank.test",
  action: "staff.role",
  targetType: "staff",
  targetId: "2b1f0a3c-0000-4000-8000-000000000002",
  targetLabel: "=HYPERLINK(\"http://evil\")",
  targetDetail: "Eve",
  applicationId: null,
  before: { role: "VIEWER" },
  after: { role: "ADMINISTRATOR", note: "line one\nline \"two\"" },
  requestId: null,
  prevHash: "a".repeat(64),
  hash: "b".repeat(64),
  hashVersion: 2,
};

describe("audit export format", () => {
  it("writes RFC 4180 cells, and defuses what a spreadsheet would run as a formula", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(2)).toBe("2");
  });

  it("writes one CSV record per entry under a header, with JSON in the before/after cells", () => {
    const header = formatExportHeader("csv");
    expect(header).toBe("id,createdAt,actorType,actorId,actorLabel,action,targetType,targetId,targetName,applicationId,requestId,before,after,hashVersion,prevHash,hash\r\n");
    const line = formatExportRow("csv", row);
    expect(line.endsWith("\r\n")).toBe(true);
    expect(line).toContain("9007199254740993,2026-12-02T08:30:00.000Z,STAFF,");
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain(`"{""role"":""ADMINISTRATOR"",""note"":""line one\\nline \\""two\\""""}"`);
    expect(line).toContain(`,2,${"a".repeat(64)},${"b".repeat(64)}\r\n`);
  });

  it("writes exact values as one JSON object per line, ids as strings", () => {
    const line = formatExportRow("jsonl", row);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toMatchObject({
      id: "9007199254740993",
      targetName: '=HYPERLINK("http://evil")',
      after: { role: "ADMINISTRATOR", note: 'line one\nline "two"' },
      hashVersion: 2,
    });
    expect(formatExportHeader("jsonl")).toBe("");
  });
});
