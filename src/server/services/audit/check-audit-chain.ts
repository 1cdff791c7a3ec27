/**
 * The rules of a sound audit chain, over entries in id order (no database here, so every rule is
 * unit-tested on hand-made chains):
 * - each entry links to the one before it (the first to GENESIS_HASH), so a removed entry, or one
 *   inserted out of order, breaks a link;
 * - each entry's hash matches its content: HMAC-SHA256 under the chain key (version 2), or plain
 *   SHA-256 (version 1) only in the prefix written before the key existed. A legacy entry after a
 *   keyed one is refused, or anyone could rewrite the tail with plain SHA-256. The legacy prefix is
 *   still safe to accept: the first keyed entry's MAC covers the last legacy hash, so rewriting the
 *   prefix breaks that link, and re-labelling the whole chain as legacy changes every hash, which
 *   the recorded heads reveal;
 * - every recorded head (from earlier verifications, in the database and in the data folder) is
 *   still in the chain, as the same entry with the same hash at the same position, so a cut-off
 *   tail shows.
 * Someone holding the chain key can rewrite the log undetectably by design; keep secrets.json
 * away from those who can write the database, and heads outside both.
 */
import { computeAuditHash, computeLegacyAuditHash, GENESIS_HASH, type HashedAuditFields, KEYED_HASH_VERSION, LEGACY_HASH_VERSION } from "./audit-hash";

export interface ChainEntry extends HashedAuditFields {
  id: bigint;
  prevHash: string;
  hash: string;
  hashVersion: number;
}

/**
 * A head an earlier verification saw: its `entries`-th entry was `headId` with `headHash`. One of
 * the two may be missing: verifications by the earlier version stored no id, and a head an
 * operator kept elsewhere (`audit verify --expect-head ID:HASH`) has no count.
 */
export interface ChainAnchor {
  /** Where it was recorded, for the message ("the verification of …", "the head file …"). */
  source: string;
  headId: bigint | null;
  headHash: string;
  entries: number | null;
}

export interface ChainCheck {
  ok: boolean;
  /** Entries walked before the first problem (all of them when ok). */
  entries: number;
  legacyEntries: number;
  /** The last entry walked without a problem. */
  head: { id: bigint; hash: string } | null;
  /** The first bad entry (or the missing recorded head), and why; null when ok. */
  broken: { id: bigint | null; reason: string } | null;
}

export interface CheckOptions {
  key: Buffer;
  anchors: readonly ChainAnchor[];
  /** Finds the entry that carries a hash, to say where a wrong link points. */
  findIdByHash?: (hash: string) => Promise<bigint | null>;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

async function describeBadLink(entry: ChainEntry, previous: ChainCheck["head"], findIdByHash: CheckOptions["findIdByHash"]): Promise<string> {
  if (entry.prevHash === GENESIS_HASH) {
    return `it claims to be the first entry, but entry ${previous!.id} comes before it (inserted out of order)`;
  }
  const target = findIdByHash ? await findIdByHash(entry.prevHash) : null;
  if (target !== null && target !== entry.id) {
    const before = previous ? `entry ${previous.id}` : "the start of the chain";
    return `it links to entry ${target}, not to ${before} before it (inserted out of order, or entries between were removed)`;
  }
  return "the entry it links to is missing (an entry before it was removed, or changed and re-hashed)";
}

function describeAnchor(anchor: ChainAnchor): string {
  return anchor.headId === null ? `a head with hash ${short(anchor.headHash)}` : `entry ${anchor.headId} with hash ${short(anchor.headHash)}`;
}

export async function checkAuditChain(entries: AsyncIterable<ChainEntry>, { key, anchors, findIdByHash }: CheckOptions): Promise<ChainCheck> {
  const byPosition = new Map<number, ChainAnchor[]>();
  for (const anchor of anchors) {
    if (anchor.entries !== null) byPosition.set(anchor.entries, [...(byPosition.get(anchor.entries) ?? []), anchor]);
  }
  // Heads known only by id, in id order: each must turn up before the walk passes its id.
  const byId = anchors.filter((anchor) => anchor.entries === null && anchor.headId !== null).sort((a, b) => (a.headId! < b.headId! ? -1 : 1));

  const state: ChainCheck = { ok: true, entries: 0, legacyEntries: 0, head: null, broken: null };
  const fail = (id: bigint | null, reason: string): ChainCheck => ({ ...state, ok: false, broken: { id, reason } });
  let prevHash = GENESIS_HASH;
  let seenKeyed = false;

  for await (const entry of entries) {
    if (entry.hashVersion !== LEGACY_HASH_VERSION && entry.hashVersion !== KEYED_HASH_VERSION) {
      return fail(entry.id, `its hash version ${entry.hashVersion} is unknown`);
    }
    if (entry.hashVersion === LEGACY_HASH_VERSION && seenKeyed) {
      return fail(entry.id, "it carries an unkeyed (legacy SHA-256) hash after keyed entries: it was rewritten by someone without the chain key");
    }
    if (entry.prevHash !== prevHash) return fail(entry.id, await describeBadLink(entry, state.head, findIdByHash));

    const expected = entry.hashVersion === KEYED_HASH_VERSION ? computeAuditHash(prevHash, entry, key) : computeLegacyAuditHash(prevHash, entry);
    if (expected !== entry.hash) {
      return fail(
        entry.id,
        entry.hashVersion === KEYED_HASH_VERSION
          ? "its content does not match its keyed hash (the entry was changed, or re-hashed without the chain key)"
          : "its content does not match its hash (the entry was changed)",
      );
    }

    const position = state.entries + 1;
    for (const anchor of byPosition.get(position) ?? []) {
      if (anchor.headHash !== entry.hash || (anchor.headId !== null && anchor.headId !== entry.id)) {
        return fail(entry.id, `it is entry number ${position} of the chain, where ${anchor.source} recorded ${describeAnchor(anchor)} (the chain up to that head was replaced)`);
      }
    }
    while (byId.length > 0 && byId[0]!.headId! <= entry.id) {
      const anchor = byId.shift()!;
      if (anchor.headId !== entry.id) {
        return fail(anchor.headId, `${anchor.source} recorded ${describeAnchor(anchor)}, which is no longer in the chain (removed)`);
      }
      if (anchor.headHash !== entry.hash) {
        return fail(entry.id, `${anchor.source} recorded it with hash ${short(anchor.headHash)} (the chain up to that head was replaced)`);
      }
    }

    state.entries = position;
    if (entry.hashVersion === LEGACY_HASH_VERSION) state.legacyEntries++;
    else seenKeyed = true;
    state.head = { id: entry.id, hash: entry.hash };
    prevHash = entry.hash;
  }

  const end = state.head ? `the chain ends after ${state.entries} entries (at entry ${state.head.id})` : "the chain is empty";
  const beyond = anchors
    .filter((anchor) => (anchor.entries === null ? byId.includes(anchor) : anchor.entries > state.entries))
    .sort((a, b) => (b.entries ?? Infinity) - (a.entries ?? Infinity))[0];
  if (beyond) {
    const recorded = beyond.entries === null ? describeAnchor(beyond) : `${describeAnchor(beyond)} as entry number ${beyond.entries}`;
    return fail(beyond.headId, `${end}, but ${beyond.source} recorded ${recorded} (the newest entries were removed)`);
  }
  return state;
}
