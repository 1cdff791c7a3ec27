import { describe, expect, it } from "vitest";

import { generateKeyPair } from "../core/primitives";
import { buildOfflinePayload, type OfflinePayloadSigner } from "../offline/offline-payload";
import { verifyOfflineOtp } from "../offline/offline-signature";
import { generateTotp } from "../offline/totp";
import { createTestDevice, type TestDevice } from "../testing/test-device";
import { expectPowerAuthError } from "../testing/test-helpers";
import { computeOfflineOtpFromQr } from "./offline-otp";

const OPERATION = {
  operationId: "5ff1b1ed-a3cc-45a3-8ab0-ed60950312b6",
  title: "Payment",
  message: "Please confirm this payment",
  operationData: "A1*A100CZK*ICZ2730300000001165254011*D20180425",
};

const personalised = (f: TestDevice): OfflinePayloadSigner => ({ keyIndicator: "1", serverPrivateKey: f.server.serverPrivateKey });
const nonPersonalised = (f: TestDevice): OfflinePayloadSigner => ({ keyIndicator: "0", masterPrivateKey: f.server.masterPrivateKey });

describe("offline OTP: QR → device → server (§13)", () => {
  it("round-trips personalised and non-personalised payloads over many counter steps", () => {
    const fixture = createTestDevice("3.3");
    let state = fixture.state;
    let server = { ctrData: fixture.server.ctrData, counter: 0, failedAttempts: 0 };
    for (let step = 0; step < 20; step++) {
      const signer = step % 2 ? personalised(fixture) : nonPersonalised(fixture);
      const { payload, nonce } = buildOfflinePayload({ ...OPERATION, flags: "" }, signer);
      const result = computeOfflineOtpFromQr(state, payload);
      expect(result.otp).toMatch(/^[0-9]{8}-[0-9]{8}$/);
      expect(result.operation.title).toBe("Payment");
      const typed = result.otp.replace("-", "").replace(/(\d{4})(?=\d)/g, "$1 ");
      const verified = verifyOfflineOtp({ keys: fixture.server.keys, ...server, ...OPERATION, nonce, otp: typed, allowBiometry: false });
      expect(verified).toMatchObject({ valid: true, matchedStep: 0, signatureType: "possession_knowledge" });
      server = { ctrData: verified.ctrData, counter: verified.counter, failedAttempts: verified.failedAttempts };
      state = result.state;
      expect(state.ctrData).toBe(server.ctrData.toString("base64"));
      expect(state.counter).toBe(server.counter);
    }
  });

  it("flag B lets the device use biometry; without B it refuses", () => {
    const fixture = createTestDevice("3.0");
    const withB = buildOfflinePayload({ ...OPERATION, flags: "BX" }, personalised(fixture));
    const result = computeOfflineOtpFromQr(fixture.state, withB.payload, { signatureType: "possession_biometry" });
    const input = { keys: fixture.server.keys, ctrData: fixture.server.ctrData, counter: 0, failedAttempts: 0, ...OPERATION, nonce: withB.nonce, otp: result.otp };
    expect(verifyOfflineOtp({ ...input, allowBiometry: true })).toMatchObject({ valid: true, signatureType: "possession_biometry" });
    expect(verifyOfflineOtp({ ...input, allowBiometry: false }).valid).toBe(false);

    const withoutB = buildOfflinePayload({ ...OPERATION, flags: "" }, personalised(fixture));
    expectPowerAuthError(
      () => computeOfflineOtpFromQr(fixture.state, withoutB.payload, { signatureType: "possession_biometry" }),
      "SIGNATURE_TYPE_NOT_ALLOWED",
    );
  });

  it("includes the proximity TOTP in the signed data", () => {
    const fixture = createTestDevice("3.2");
    const seed = Buffer.alloc(32, 0x42);
    const nowMs = 1_700_000_000_000;
    const totp = generateTotp({ seed, nowMs: nowMs - 30_000 });
    const { payload, nonce } = buildOfflinePayload({ ...OPERATION, flags: "B", totp }, nonPersonalised(fixture));
    const { otp, operation } = computeOfflineOtpFromQr(fixture.state, payload);
    expect(operation.totp).toBe(totp);
    const input = { keys: fixture.server.keys, ctrData: fixture.server.ctrData, counter: 0, failedAttempts: 0, ...OPERATION, nonce, otp, allowBiometry: true };
    expect(verifyOfflineOtp({ ...input, proximity: { seed, nowMs, stepCount: 1 } })).toMatchObject({ valid: true, totp, totpStepsBack: 1 });
    expect(verifyOfflineOtp({ ...input, proximity: { seed, nowMs, stepCount: 0 } }).valid).toBe(false);
  });

  it("honours a configured component length", () => {
    const fixture = createTestDevice("3.1");
    const { payload, nonce } = buildOfflinePayload(OPERATION, personalised(fixture));
    const { otp } = computeOfflineOtpFromQr(fixture.state, payload, { componentLength: 5 });
    expect(otp).toMatch(/^[0-9]{5}-[0-9]{5}$/);
    const input = { keys: fixture.server.keys, ctrData: fixture.server.ctrData, counter: 0, failedAttempts: 0, ...OPERATION, nonce, otp, allowBiometry: false };
    expect(verifyOfflineOtp({ ...input, componentLength: 5 }).valid).toBe(true);
    expectPowerAuthError(() => verifyOfflineOtp(input), "INVALID_OTP");
  });

  it("refuses a QR code signed by someone else and does not touch the state", () => {
    const fixture = createTestDevice("3.3");
    const stranger = generateKeyPair();
    const forged = buildOfflinePayload(OPERATION, { keyIndicator: "1", serverPrivateKey: stranger.privateKey });
    const before = structuredClone(fixture.state);
    expectPowerAuthError(() => computeOfflineOtpFromQr(fixture.state, forged.payload), "INVALID_SIGNATURE");
    expect(fixture.state).toEqual(before);
  });
});
