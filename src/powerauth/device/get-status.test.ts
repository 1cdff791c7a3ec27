import { describe, expect, it } from "vitest";

import { encryptStatusBlob, parseActivationStatusRequest, randomStatusBlob } from "../activation/status-blob";
import { fromBase64, toBase64 } from "../core/encoding";
import { randomBytes } from "../core/primitives";
import { PROTOCOL_VERSIONS } from "../core/protocol-version";
import { nextCtrData } from "../signature/signature";
import { createTestActivation } from "../testing/test-activation";
import { expectPowerAuthError } from "../testing/test-helpers";
import { createStatusRequest, processStatusResponse } from "./get-status";

const NOW = 1_730_000_000_000;

/** Server: answer a status request for an activation whose counter is `steps` ahead of the initial one. */
function serverAnswer(t: ReturnType<typeof createTestActivation>, requestObject: unknown, steps: number, state = "ACTIVE" as const) {
  const { activationId, challenge } = parseActivationStatusRequest(requestObject);
  let ctrData = t.ctrData;
  for (let i = 0; i < steps; i++) ctrData = nextCtrData(ctrData);
  const blob = encryptStatusBlob(
    { state, counter: steps, ctrData, failedAttempts: 2, maxFailedAttempts: 5 },
    { transportKey: t.transportKey, challenge },
  );
  return {
    activationId,
    encryptedStatusBlob: toBase64(blob.encryptedStatusBlob),
    ...(blob.nonce ? { nonce: toBase64(blob.nonce) } : {}),
    customObject: { hello: "world" },
  };
}

describe("device get status (§9)", () => {
  for (const version of PROTOCOL_VERSIONS) {
    it(`${version}: request, decrypt, in-step counter`, () => {
      const t = createTestActivation(version, NOW);
      const { body, pending } = createStatusRequest(t.activation);
      expect("challenge" in body.requestObject).toBe(version !== "3.0");
      const response = serverAnswer(t, JSON.parse(JSON.stringify(body.requestObject)), 0);
      const { activation, status } = processStatusResponse(t.activation, pending, response);
      expect(status).toEqual({
        state: "ACTIVE",
        failedAttempts: 2,
        maxFailedAttempts: 5,
        remainingAttempts: 3,
        currentVersion: 3,
        upgradeVersion: 3,
        counterSync: "OK",
        isSignatureCalculationRecommended: false,
        needsSave: false,
        customObject: { hello: "world" },
      });
      expect(activation).toEqual(t.activation);
    });
  }

  it("adopts the server counter when the server is ahead, without mutating the input", () => {
    const t = createTestActivation("3.3", NOW);
    const before = structuredClone(t.activation);
    const { body, pending } = createStatusRequest(t.activation);
    const { activation, status } = processStatusResponse(t.activation, pending, serverAnswer(t, body.requestObject, 3));
    expect(status.counterSync).toBe("UPDATED");
    expect(status.needsSave).toBe(true);
    expect(activation.counter).toBe(3);
    expect(activation.ctrData).toBe(toBase64(nextCtrData(nextCtrData(nextCtrData(t.ctrData)))));
    expect(t.activation).toEqual(before);
  });

  it("recommends a signature when the device is far ahead and reports DEADLOCK beyond the window", () => {
    const t = createTestActivation("3.2", NOW);
    let ctr = fromBase64(t.activation.ctrData);
    for (let i = 0; i < 15; i++) ctr = nextCtrData(ctr);
    const ahead = { ...t.activation, ctrData: toBase64(ctr), counter: 15 };
    const { body, pending } = createStatusRequest(ahead);
    const result = processStatusResponse(ahead, pending, serverAnswer(t, body.requestObject, 0));
    expect(result.status.counterSync).toBe("CALCULATE_SIGNATURE");
    expect(result.status.isSignatureCalculationRecommended).toBe(true);
    const tooFar = { ...ahead, counter: 40 };
    const dead = processStatusResponse(tooFar, pending, serverAnswer(t, body.requestObject, 0));
    expect(dead.status.state).toBe("DEADLOCK");
  });

  it("fails on a random blob (unknown activation), a missing nonce and malformed input", () => {
    const t = createTestActivation("3.1", NOW);
    const { body, pending } = createStatusRequest(t.activation);
    const random = randomStatusBlob(randomBytes(16));
    const unknown = { encryptedStatusBlob: toBase64(random.encryptedStatusBlob), nonce: toBase64(random.nonce!) };
    expectPowerAuthError(() => processStatusResponse(t.activation, pending, unknown), "DECRYPTION_FAILED");
    const good = serverAnswer(t, body.requestObject, 0);
    expectPowerAuthError(() => processStatusResponse(t.activation, pending, { ...good, nonce: undefined }), "INVALID_FORMAT");
    expectPowerAuthError(() => processStatusResponse(t.activation, pending, { ...good, activationId: "other" }), "INVALID_FORMAT");
    expectPowerAuthError(() => processStatusResponse(t.activation, pending, { ...good, encryptedStatusBlob: "AAAA" }), "INVALID_LENGTH");
    expectPowerAuthError(() => processStatusResponse(t.activation, pending, "{"), "INVALID_FORMAT");
  });
});
