import { describe, expect, it } from "vitest";

import { toBase64 } from "../core/encoding";
import { aesCbcDecrypt, randomBytes } from "../core/primitives";
import { nextCtrData } from "../signature/signature";
import { b64, expectPowerAuthError, loadVectors } from "../testing/test-helpers";
import { deriveTransportCtrKey } from "./activation-keys";
import { activationStateFromCode } from "./activation-state";
import { byteCounterDistance, ctrDataHash, hashCounterDistance, synchronizeCounter } from "./counter-sync";
import {
  decryptStatusBlob,
  encryptStatusBlob,
  parseActivationStatusRequest,
  randomStatusBlob,
  statusBlobIv,
} from "./status-blob";

type Vector = { input: Record<string, string>; output: Record<string, string> };
const FOLDERS = ["powerauth-crypto/test-vectors", "powerauth-mobile-sdk/pa2"];

describe("status blob vectors (§9)", () => {
  for (const folder of FOLDERS) {
    it(`IV: ${folder}/activation-status-blob-iv.json`, () => {
      const { data } = loadVectors<{ data: Vector[] }>(`${folder}/activation-status-blob-iv.json`);
      expect(data.length).toBe(32);
      for (const { input, output } of data) {
        expect(toBase64(statusBlobIv(b64(input.transportKey!), b64(input.challenge!), b64(input.nonce!)))).toBe(output.iv);
      }
    });

    it(`data: ${folder}/activation-status-blob-data.json (device decodes, server re-encrypts byte for byte)`, () => {
      const { data } = loadVectors<{ data: Vector[] }>(`${folder}/activation-status-blob-data.json`);
      expect(data.length).toBe(8);
      for (const { input, output } of data) {
        const transportKey = b64(input.transportKey!);
        const keys = { transportKey, challenge: b64(input.challenge!), nonce: b64(input.nonce!) };
        const blob = decryptStatusBlob(b64(input.encryptedStatusBlob!), keys);
        expect(blob.state).toBe(activationStateFromCode(Number(output.activationStatus)));
        expect(String(blob.currentVersion)).toBe(output.currentVersion);
        expect(String(blob.upgradeVersion)).toBe(output.upgradeVersion);
        expect(String(blob.failedAttempts)).toBe(output.failedAttempts);
        expect(String(blob.maxFailedAttempts)).toBe(output.maxFailedAttempts);
        expect(String(blob.lookAhead)).toBe(output.ctrLookAhead);
        expect(String(blob.ctrByte)).toBe(output.ctrByte);
        expect(toBase64(blob.ctrDataHash)).toBe(output.ctrDataHash);
        const ctrKey = deriveTransportCtrKey(transportKey);
        const found = hashCounterDistance(b64(input.ctrData!), blob.ctrDataHash, ctrKey, blob.lookAhead);
        expect(String(found?.distance)).toBe(output.counterDistance);

        // Server side: the same fields, the server's CTR_DATA (advanced `counterDistance` times),
        // and the vector's random reserved bytes give the same ciphertext.
        let serverCtr = b64(input.ctrData!);
        for (let i = 0; i < Number(output.counterDistance); i++) serverCtr = nextCtrData(serverCtr);
        expect(ctrDataHash(ctrKey, serverCtr)).toEqual(blob.ctrDataHash);
        const reserved = aesCbcDecrypt(transportKey, statusBlobIv(transportKey, keys.challenge, keys.nonce), b64(input.encryptedStatusBlob!), false).subarray(7, 12);
        const again = encryptStatusBlob(
          {
            state: blob.state,
            currentVersion: blob.currentVersion,
            upgradeVersion: blob.upgradeVersion,
            counter: 256 * 7 + blob.ctrByte,
            ctrData: serverCtr,
            failedAttempts: blob.failedAttempts,
            maxFailedAttempts: blob.maxFailedAttempts,
            lookAhead: blob.lookAhead,
          },
          { transportKey, challenge: keys.challenge, nonce: keys.nonce, reserved },
        );
        expect(toBase64(again.encryptedStatusBlob)).toBe(input.encryptedStatusBlob);
      }
    });
  }
});

describe("status blob round trips and failures", () => {
  const transportKey = randomBytes(16);
  const ctrData = randomBytes(16);
  const status = { state: "ACTIVE" as const, counter: 300, ctrData, failedAttempts: 1, maxFailedAttempts: 5 };

  it("3.1+: challenge + nonce IV, defaults for versions and look-ahead", () => {
    const challenge = randomBytes(16);
    const encrypted = encryptStatusBlob(status, { transportKey, challenge });
    expect(encrypted.nonce).toHaveLength(16);
    const blob = decryptStatusBlob(encrypted.encryptedStatusBlob, { transportKey, challenge, nonce: encrypted.nonce });
    expect(blob).toEqual({
      state: "ACTIVE",
      currentVersion: 3,
      upgradeVersion: 3,
      ctrByte: 300 & 0xff,
      failedAttempts: 1,
      maxFailedAttempts: 5,
      lookAhead: 20,
      ctrDataHash: ctrDataHash(deriveTransportCtrKey(transportKey), ctrData),
    });
    // reserved bytes are random: two blobs of the same status differ even with the same nonce
    const a = encryptStatusBlob(status, { transportKey, challenge, nonce: encrypted.nonce! });
    const b = encryptStatusBlob(status, { transportKey, challenge, nonce: encrypted.nonce! });
    expect(a.encryptedStatusBlob.equals(b.encryptedStatusBlob)).toBe(false);
    expectPowerAuthError(() => decryptStatusBlob(encrypted.encryptedStatusBlob, { transportKey, challenge: randomBytes(16), nonce: encrypted.nonce }), "DECRYPTION_FAILED");
    expectPowerAuthError(() => decryptStatusBlob(encrypted.encryptedStatusBlob, { transportKey: randomBytes(16), challenge, nonce: encrypted.nonce }), "DECRYPTION_FAILED");
    expectPowerAuthError(() => decryptStatusBlob(encrypted.encryptedStatusBlob, { transportKey, challenge, nonce: null }), "INVALID_FORMAT");
    expectPowerAuthError(() => decryptStatusBlob(encrypted.encryptedStatusBlob.subarray(0, 16), { transportKey, challenge, nonce: encrypted.nonce }), "INVALID_LENGTH");
    expectPowerAuthError(() => encryptStatusBlob({ ...status, ctrData: randomBytes(15) }, { transportKey, challenge }), "INVALID_LENGTH");
    expectPowerAuthError(() => encryptStatusBlob({ ...status, counter: -1 }, { transportKey, challenge }), "INVALID_FORMAT");
    expectPowerAuthError(() => statusBlobIv(transportKey, randomBytes(15), randomBytes(16)), "INVALID_LENGTH");
  });

  it("3.0: zero IV, no nonce, real state and attempts, random counter fields", () => {
    const encrypted = encryptStatusBlob({ ...status, state: "BLOCKED" }, { transportKey, challenge: null });
    expect(encrypted.nonce).toBeNull();
    const blob = decryptStatusBlob(encrypted.encryptedStatusBlob, { transportKey, challenge: null, nonce: null });
    expect(blob).toMatchObject({ state: "BLOCKED", currentVersion: 3, upgradeVersion: 3, failedAttempts: 1, maxFailedAttempts: 5 });
    expect(blob.ctrDataHash.equals(ctrDataHash(deriveTransportCtrKey(transportKey), ctrData))).toBe(false);
  });

  it("unknown activation: a random blob the device cannot decrypt", () => {
    const challenge = randomBytes(16);
    const random = randomStatusBlob(challenge);
    expect(random.encryptedStatusBlob).toHaveLength(32);
    expect(random.nonce).toHaveLength(16);
    expect(randomStatusBlob(null).nonce).toBeNull();
    expectPowerAuthError(() => decryptStatusBlob(random.encryptedStatusBlob, { transportKey, challenge, nonce: random.nonce }), "DECRYPTION_FAILED");
  });

  it("parses the status request", () => {
    const challenge = toBase64(randomBytes(16));
    const activationId = "c564e700-7e86-4a87-b6c8-a5a0cc89683f";
    expect(parseActivationStatusRequest({ activationId, challenge }).challenge).toEqual(b64(challenge));
    expect(parseActivationStatusRequest({ activationId }).challenge).toBeNull();
    expectPowerAuthError(() => parseActivationStatusRequest({ activationId: "x", challenge }), "INVALID_FORMAT");
    expectPowerAuthError(() => parseActivationStatusRequest({ activationId, challenge: toBase64(randomBytes(8)) }), "INVALID_LENGTH");
    expectPowerAuthError(() => parseActivationStatusRequest({ activationId, challenge: "!!" }), "INVALID_BASE64");
  });
});

describe("counter synchronisation (§9, the SDK's decision)", () => {
  const transportKey = randomBytes(16);
  const ctrKey = deriveTransportCtrKey(transportKey);
  const start = randomBytes(16);
  const advance = (ctr: Buffer, n: number) => {
    let c = ctr;
    for (let i = 0; i < n; i++) c = nextCtrData(c);
    return c;
  };
  /** Server at `serverSteps`, device at `deviceSteps`, both from `start` and counter 1000. */
  const sync = (serverSteps: number, deviceSteps: number, lookAhead = 20) =>
    synchronizeCounter(
      { ctrData: advance(start, deviceSteps), counter: 1000 + deviceSteps },
      { ctrByte: (1000 + serverSteps) & 0xff, ctrDataHash: ctrDataHash(ctrKey, advance(start, serverSteps)), lookAhead, currentVersion: 3 },
      transportKey,
    );

  it("byte distance is signed and wraps at 256", () => {
    expect(byteCounterDistance(5, 3)).toBe(2);
    expect(byteCounterDistance(3, 5)).toBe(-2);
    expect(byteCounterDistance(2, 250)).toBe(8);
    expect(byteCounterDistance(250, 2)).toBe(-8);
    for (let ctr = 0; ctr < 600; ctr += 7) {
      for (let d = -100; d <= 100; d++) {
        if (ctr + d >= 0) expect(byteCounterDistance((ctr + d) & 0xff, ctr & 0xff)).toBe(d);
      }
    }
  });

  it("in step: OK, unchanged", () => {
    const out = sync(4, 4);
    expect(out.result).toBe("OK");
    expect(out.counter).toBe(1004);
  });

  it("server ahead within the window: the device adopts the server's CTR_DATA and counter", () => {
    const out = sync(9, 2);
    expect(out.result).toBe("UPDATED");
    expect(out.ctrData).toEqual(advance(start, 9));
    expect(out.counter).toBe(1009);
    expect(sync(2 + 20, 2).result).toBe("DEADLOCK"); // beyond the window: hash not found
  });

  it("device ahead: OK up to half the window, then CALCULATE_SIGNATURE, then DEADLOCK", () => {
    expect(sync(0, 10).result).toBe("OK");
    expect(sync(0, 11).result).toBe("CALCULATE_SIGNATURE");
    expect(sync(0, 20).result).toBe("CALCULATE_SIGNATURE");
    expect(sync(0, 21).result).toBe("DEADLOCK");
    expect(sync(0, 11).counter).toBe(1011);
  });

  it("inconsistent hash and byte: DEADLOCK; version 2 is not judged", () => {
    const out = synchronizeCounter(
      { ctrData: start, counter: 1000 },
      { ctrByte: 1000 & 0xff, ctrDataHash: randomBytes(16), lookAhead: 20, currentVersion: 3 },
      transportKey,
    );
    expect(out.result).toBe("DEADLOCK");
    const v2 = synchronizeCounter({ ctrData: start, counter: 0 }, { ctrByte: 9, ctrDataHash: randomBytes(16), lookAhead: 20, currentVersion: 2 }, transportKey);
    expect(v2.result).toBe("OK");
  });
});
