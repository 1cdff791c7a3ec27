/**
 * The hash-based counter and the client's counter synchronisation (powerauth-protocol.md §9 last
 * paragraph, §10.3). The server reports `CTR_BYTE` (low byte of its numeric counter) and
 * `CTR_DATA_HASH = KDF_INTERNAL(KEY_TRANSPORT_CTR, CTR_DATA)` in the status blob; the device
 * compares them with its own counter to adopt the server's value, learn that it is ahead, or
 * detect a deadlock. The decision follows the mobile SDK's `trySynchronizeCounter`. The counter
 * step `next(c) = R16(SHA256(c))` (§10.3) comes from `signature/signature.ts`.
 */
import type { Bytes } from "../core/encoding";
import { constantTimeEqual, kdfInternal } from "../core/primitives";
import { nextCtrData } from "../signature/signature";
import { deriveTransportCtrKey } from "./activation-keys";

/** `CTR_DATA_HASH = KDF_INTERNAL(KEY_TRANSPORT_CTR, CTR_DATA)`; takes KEY_TRANSPORT_CTR (`deriveTransportCtrKey`). */
export function ctrDataHash(transportCtrKey: Bytes, ctrData: Bytes): Buffer {
  return kdfInternal(transportCtrKey, ctrData);
}

/**
 * How many steps `localCtrData` must advance to hash to `serverHash`, trying at most
 * `maxIterations` values (the local one included). `null` when none matches.
 */
export function hashCounterDistance(
  localCtrData: Bytes,
  serverHash: Bytes,
  transportCtrKey: Bytes,
  maxIterations: number,
): { distance: number; ctrData: Buffer } | null {
  let ctrData: Buffer = Buffer.from(localCtrData);
  for (let distance = 0; distance < maxIterations; distance++) {
    if (constantTimeEqual(ctrDataHash(transportCtrKey, ctrData), serverHash)) return { distance, ctrData };
    ctrData = nextCtrData(ctrData);
  }
  return null;
}

/** Signed distance of two counter bytes in [−128, 127]: positive when the device is ahead. */
export function byteCounterDistance(localByte: number, serverByte: number): number {
  return ((((localByte - serverByte) & 0xff) + 128) & 0xff) - 128;
}

export type CounterSyncResult =
  /** In step, or the device is ahead by at most half the look-ahead window (the server catches up). */
  | "OK"
  /** The server was ahead; the device adopted its counter (save the new state). */
  | "UPDATED"
  /** The device is more than half the window ahead: calculate a signature soon. */
  | "CALCULATE_SIGNATURE"
  /** The counters cannot be brought together; the activation is technically blocked. */
  | "DEADLOCK";

export interface CounterSyncInput {
  ctrByte: number;
  ctrDataHash: Bytes;
  lookAhead: number;
  /** The activation's protocol version from the blob; 2 means the counter cannot be judged. */
  currentVersion: number;
}

export interface CounterSyncOutcome {
  result: CounterSyncResult;
  /** The device's counter after synchronisation (unchanged unless `UPDATED`). */
  ctrData: Buffer;
  counter: number;
}

/** The SDK's decision, given the device's `ctrData`/`counter` and the decoded status blob. */
export function synchronizeCounter(
  local: { ctrData: Bytes; counter: number },
  status: CounterSyncInput,
  transportKey: Bytes,
): CounterSyncOutcome {
  const unchanged = (result: CounterSyncResult): CounterSyncOutcome => ({
    result,
    ctrData: Buffer.from(local.ctrData),
    counter: local.counter,
  });
  if (status.currentVersion === 2) return unchanged("OK");
  const window = status.lookAhead;
  const hash = hashCounterDistance(local.ctrData, status.ctrDataHash, deriveTransportCtrKey(transportKey), window);
  const hashDistance = hash === null ? -1 : hash.distance;
  const byteDistance = byteCounterDistance(local.counter & 0xff, status.ctrByte);
  if (hashDistance === 0 && byteDistance === 0) return unchanged("OK");
  if (byteDistance > 0 && hash === null) {
    // The device is ahead: the server's look-ahead will find it, unless it is too far.
    if (byteDistance > window) return unchanged("DEADLOCK");
    return unchanged(byteDistance > Math.floor(window / 2) ? "CALCULATE_SIGNATURE" : "OK");
  }
  if (hash !== null && -byteDistance === hashDistance) {
    // The server is ahead by `hashDistance` steps: adopt its CTR_DATA and counter.
    return { result: "UPDATED", ctrData: hash.ctrData, counter: local.counter + hashDistance };
  }
  return unchanged("DEADLOCK");
}
