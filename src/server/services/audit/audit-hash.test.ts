import { describe, expect, it } from "vitest";

import { canonicalJson, computeAuditHash, GENESIS_HASH, normalizeJson } from "./audit-hash";

const fields = {
  createdAt: new Date("2026-11-22T10:00:00.000Z"),
  actorType: "STAFF",
  actorId: "u1",
  actorLabel: "admin@bank.test",
  action: "application.create",
  targetType: "application",
  targetId: "APP",
  applicationId: "APP",
  before: null,
  after: { b: 1, a: [2, { d: 3, c: 4 }] },
  requestId: "r1",
};

describe("audit hash", () => {
  it("writes canonical JSON with sorted keys and no whitespace", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: "x" }] })).toBe('{"a":[2,{"c":"x"}],"b":1}');
    expect(normalizeJson({ when: new Date(0), gone: undefined })).toEqual({ when: "1970-01-01T00:00:00.000Z" });
  });

  it("does not depend on key order, only on content and the previous hash", () => {
    const reordered = { ...fields, after: { a: [2, { c: 4, d: 3 }], b: 1 } };
    expect(computeAuditHash(GENESIS_HASH, reordered)).toBe(computeAuditHash(GENESIS_HASH, fields));
    expect(computeAuditHash("1".repeat(64), fields)).not.toBe(computeAuditHash(GENESIS_HASH, fields));
    expect(computeAuditHash(GENESIS_HASH, { ...fields, targetId: "APP2" })).not.toBe(computeAuditHash(GENESIS_HASH, fields));
  });

  it("ignores members of a stored row that are not hashed fields", () => {
    const row = { ...fields, id: 5n, prevHash: "x", hash: "y" };
    expect(computeAuditHash(GENESIS_HASH, row)).toBe(computeAuditHash(GENESIS_HASH, fields));
  });
});
