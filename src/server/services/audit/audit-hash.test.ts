import crypto from "node:crypto";

import { describe, expect, it } from "vitest";

import { canonicalJson, computeAuditHash, computeLegacyAuditHash, GENESIS_HASH, normalizeJson } from "./audit-hash";

const key = crypto.randomBytes(32);

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
    expect(computeAuditHash(GENESIS_HASH, reordered, key)).toBe(computeAuditHash(GENESIS_HASH, fields, key));
    expect(computeAuditHash("1".repeat(64), fields, key)).not.toBe(computeAuditHash(GENESIS_HASH, fields, key));
    expect(computeAuditHash(GENESIS_HASH, { ...fields, targetId: "APP2" }, key)).not.toBe(computeAuditHash(GENESIS_HASH, fields, key));
  });

  it("ignores members of a stored row that are not hashed fields", () => {
    const row = { ...fields, id: 5n, prevHash: "x", hash: "y", hashVersion: 2 };
    expect(computeAuditHash(GENESIS_HASH, row, key)).toBe(computeAuditHash(GENESIS_HASH, fields, key));
  });

  it("is an HMAC under the chain key: another key, or plain SHA-256, gives another hash", () => {
    const keyed = computeAuditHash(GENESIS_HASH, fields, key);
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(computeAuditHash(GENESIS_HASH, fields, crypto.randomBytes(32))).not.toBe(keyed);
    expect(computeLegacyAuditHash(GENESIS_HASH, fields)).not.toBe(keyed);
  });

  it("still computes the earlier version's plain SHA-256 exactly", () => {
    // The formula of the version before the chain key, written out independently.
    const body =
      '{"action":"application.create","actorId":"u1","actorLabel":"admin@bank.test","actorType":"STAFF","after":{"a":[2,{"c":4,"d":3}],"b":1},' +
      '"applicationId":"APP","before":null,"createdAt":"2026-11-22T10:00:00.000Z","requestId":"r1","targetId":"APP","targetType":"application"}';
    const expected = crypto.createHash("sha256").update(`${GENESIS_HASH}\n${body}`).digest("hex");
    expect(computeLegacyAuditHash(GENESIS_HASH, fields)).toBe(expected);
  });
});
