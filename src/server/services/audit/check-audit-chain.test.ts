import crypto from "node:crypto";

import { describe, expect, it } from "vitest";

import { computeAuditHash, computeLegacyAuditHash, GENESIS_HASH } from "./audit-hash";
import { type ChainAnchor, type ChainEntry, checkAuditChain } from "./check-audit-chain";

const key = crypto.randomBytes(32);

function content(i: number) {
  return {
    createdAt: new Date(Date.UTC(2026, 11, 1, 0, 0, i)),
    actorType: "STAFF",
    actorId: "u1",
    actorLabel: "admin@bank.test",
    action: "application.roles.add",
    targetType: "application",
    targetId: "APP",
    applicationId: "APP",
    before: null,
    after: { roles: [`R${i}`] },
    requestId: null,
  };
}

/** Re-hashes entries from `from` (an index) to the end, as someone rewriting the chain would. */
function reseal(entries: ChainEntry[], from: number, sealer: { version: 1 | 2; key?: Buffer }): void {
  for (let i = from; i < entries.length; i++) {
    const entry = entries[i]!;
    entry.prevHash = i === 0 ? GENESIS_HASH : entries[i - 1]!.hash;
    entry.hashVersion = sealer.version;
    entry.hash = sealer.key ? computeAuditHash(entry.prevHash, entry, sealer.key) : computeLegacyAuditHash(entry.prevHash, entry);
  }
}

/** A chain of `count` entries (ids from 1), the first `legacy` of them with plain SHA-256. */
function makeChain(count: number, legacy = 0): ChainEntry[] {
  const entries = Array.from({ length: count }, (_, i) => ({ ...content(i), id: BigInt(i + 1), prevHash: "", hash: "", hashVersion: 0 }));
  reseal(entries, 0, { version: 1 });
  reseal(entries, legacy, { version: 2, key });
  return entries;
}

async function* stream(entries: ChainEntry[]): AsyncGenerator<ChainEntry> {
  yield* entries.map((entry) => ({ ...entry }));
}

const findIn = (entries: ChainEntry[]) => async (hash: string) => entries.find((entry) => entry.hash === hash)?.id ?? null;

const check = (entries: ChainEntry[], anchors: ChainAnchor[] = []) => checkAuditChain(stream(entries), { key, anchors, findIdByHash: findIn(entries) });

const headOf = (entries: ChainEntry[], at = entries.length, source = "the verification of yesterday"): ChainAnchor => ({
  source,
  headId: entries[at - 1]!.id,
  headHash: entries[at - 1]!.hash,
  entries: at,
});

describe("audit chain check", () => {
  it("accepts a keyed chain and reports its head", async () => {
    const chain = makeChain(5);
    expect(await check(chain)).toEqual({ ok: true, entries: 5, legacyEntries: 0, head: { id: 5n, hash: chain[4]!.hash }, broken: null });
    expect(await check([])).toMatchObject({ ok: true, entries: 0, head: null });
  });

  it("accepts a prefix of legacy SHA-256 entries from before the key, followed by keyed ones", async () => {
    const chain = makeChain(6, 3);
    expect(await check(chain)).toMatchObject({ ok: true, entries: 6, legacyEntries: 3 });
    expect(await check(makeChain(4, 4))).toMatchObject({ ok: true, legacyEntries: 4 });
  });

  it("detects an entry rewritten and the chain re-hashed with plain SHA-256 (an attacker without the key)", async () => {
    const asKeyed = makeChain(6);
    asKeyed[2]!.after = { roles: ["FORGED"] };
    reseal(asKeyed, 2, { version: 2 });
    const claimedKeyed = await check(asKeyed);
    expect(claimedKeyed).toMatchObject({ ok: false, entries: 2, broken: { id: 3n, reason: expect.stringMatching(/keyed hash/) } });

    const asLegacy = makeChain(6);
    asLegacy[2]!.after = { roles: ["FORGED"] };
    reseal(asLegacy, 2, { version: 1 });
    expect(await check(asLegacy)).toMatchObject({ ok: false, broken: { id: 3n, reason: expect.stringMatching(/legacy SHA-256\) hash after keyed entries/) } });
  });

  it("detects a rewrite inside the legacy prefix at the first keyed entry, whose MAC covers the prefix", async () => {
    const chain = makeChain(6, 3);
    // The attacker re-seals the legacy prefix (plain SHA-256 needs no key), but cannot re-seal the keyed entries.
    const prefix = chain.slice(0, 3);
    prefix[1]!.after = { roles: ["FORGED"] };
    reseal(prefix, 1, { version: 1 });
    expect(await check(chain)).toMatchObject({ ok: false, broken: { id: 4n, reason: expect.stringMatching(/entry it links to is missing/) } });
  });

  it("needs the recorded heads to catch a whole chain re-labelled as legacy", async () => {
    const original = makeChain(5);
    const relabelled = makeChain(5);
    relabelled[0]!.after = { roles: ["FORGED"] };
    reseal(relabelled, 0, { version: 1 });
    expect((await check(relabelled)).ok).toBe(true);
    expect(await check(relabelled, [headOf(original)])).toMatchObject({
      ok: false,
      broken: { id: 5n, reason: expect.stringMatching(/the verification of yesterday recorded entry 5/) },
    });
  });

  it("cannot tell a rewrite by the key holder from the original, except against a head kept elsewhere", async () => {
    // By design: the key is what makes a rewrite possible, so it must stay out of the database.
    const original = makeChain(5);
    const rewritten = makeChain(5);
    rewritten[1]!.after = { roles: ["FORGED"] };
    reseal(rewritten, 1, { version: 2, key });
    expect((await check(rewritten)).ok).toBe(true);
    expect((await check(rewritten, [headOf(original, 3)])).ok).toBe(false);
  });

  it("detects removed newest entries against a recorded head, and names the missing head", async () => {
    const chain = makeChain(6);
    const head = headOf(chain);
    expect((await check(chain, [head])).ok).toBe(true);
    const result = await check(chain.slice(0, 4), [head]);
    expect(result).toMatchObject({ ok: false, entries: 4, broken: { id: 6n, reason: expect.stringMatching(/ends after 4 entries \(at entry 4\).*newest entries were removed/) } });
    expect(await check([], [head])).toMatchObject({ ok: false, broken: { reason: expect.stringMatching(/the chain is empty, but/) } });
  });

  it("checks heads recorded without an id (the earlier version) by position and hash", async () => {
    const chain = makeChain(5, 5);
    const legacyHead: ChainAnchor = { source: "an old verification", headId: null, headHash: chain[2]!.hash, entries: 3 };
    expect((await check(chain, [legacyHead])).ok).toBe(true);
    expect((await check(chain, [{ ...legacyHead, headHash: chain[3]!.hash }])).ok).toBe(false);
  });

  it("checks a head given by id and hash only (kept outside by an operator)", async () => {
    const chain = makeChain(6);
    const given: ChainAnchor = { source: "the head you gave", headId: 4n, headHash: chain[3]!.hash, entries: null };
    expect((await check(chain, [given])).ok).toBe(true);
    expect(await check(chain, [{ ...given, headHash: chain[2]!.hash }])).toMatchObject({ ok: false, broken: { id: 4n } });
    expect(await check(chain.slice(0, 3), [given])).toMatchObject({ ok: false, broken: { id: 4n, reason: expect.stringMatching(/newest entries were removed/) } });
    const withoutFour = [...chain.slice(0, 3), ...chain.slice(4)];
    expect(await check(withoutFour, [given])).toMatchObject({ ok: false, broken: { id: 5n } });
  });

  it("names the entry after a removed one", async () => {
    const chain = makeChain(5);
    const result = await check([...chain.slice(0, 2), ...chain.slice(3)]);
    expect(result).toMatchObject({ ok: false, entries: 2, broken: { id: 4n, reason: expect.stringMatching(/entry it links to is missing/) } });
  });

  it("names an entry inserted out of order, and a second entry that follows the same one (a fork)", async () => {
    const chain = makeChain(4);
    const inserted: ChainEntry = { ...content(9), id: 2n, prevHash: chain[3]!.hash, hash: "", hashVersion: 2 };
    inserted.hash = computeAuditHash(inserted.prevHash, inserted, crypto.randomBytes(32));
    const reordered = [chain[0]!, inserted, ...chain.slice(1)];
    expect(await check(reordered)).toMatchObject({ ok: false, broken: { id: 2n, reason: expect.stringMatching(/links to entry 4, not to entry 1/) } });

    const fork: ChainEntry = { ...content(8), id: 5n, prevHash: chain[2]!.hash, hash: "", hashVersion: 2 };
    fork.hash = computeAuditHash(fork.prevHash, fork, key);
    expect(await check([...chain, fork])).toMatchObject({ ok: false, broken: { id: 5n, reason: expect.stringMatching(/links to entry 3, not to entry 4/) } });

    const restart: ChainEntry = { ...content(7), id: 5n, prevHash: GENESIS_HASH, hash: "", hashVersion: 2 };
    expect(await check([...chain, restart])).toMatchObject({ ok: false, broken: { id: 5n, reason: expect.stringMatching(/claims to be the first entry/) } });
  });

  it("refuses an unknown hash version", async () => {
    const chain = makeChain(3);
    chain[1]!.hashVersion = 3;
    expect(await check(chain)).toMatchObject({ ok: false, broken: { id: 2n, reason: expect.stringMatching(/version 3 is unknown/) } });
  });
});
