import { describe, expect, it } from "vitest";

import type { ProtocolVersion } from "../core/protocol-version";
import { parseAuthorizationHeader } from "../signature/authorization-header";
import { type SignatureVerificationResult, signatureFormatForVersion, verifySignature } from "../signature/signature";
import { canonicalQueryString, onlineSignatureData, SIGNED_ENDPOINTS } from "../signature/signature-data";
import { requireSignatureTypeAllowed, SIGNATURE_TYPES } from "../signature/signature-type";
import { createTestDevice, type TestDevice } from "../testing/test-device";
import { expectPowerAuthError } from "../testing/test-helpers";
import type { DeviceActivation } from "./device-state";
import { signRequest } from "./sign-request";

const VERSIONS: ProtocolVersion[] = ["3.0", "3.1", "3.2", "3.3"];

/** A minimal server: the stored row plus §10.5 verification and persisting the result. */
class Server {
  ctrData: Buffer;
  counter = 0;
  failedAttempts = 0;
  blocked = false;

  constructor(private readonly fixture: TestDevice) {
    this.ctrData = fixture.server.ctrData;
  }

  verify(
    request: { method: string; uriId: string; body: string },
    headerValue: string,
    options: { applicationSecret?: string; diagnosticSteps?: number } = {},
  ): SignatureVerificationResult {
    const header = parseAuthorizationHeader(headerValue);
    const data = onlineSignatureData({
      ...request,
      nonce: header.nonce,
      applicationSecret: options.applicationSecret ?? this.fixture.server.applicationSecret,
    });
    const result = verifySignature({
      keys: this.fixture.server.keys,
      ctrData: this.ctrData,
      counter: this.counter,
      signatureType: header.signatureType,
      format: signatureFormatForVersion(header.version),
      data,
      signature: header.signature,
      failedAttempts: this.failedAttempts,
      diagnosticSteps: options.diagnosticSteps,
    });
    this.ctrData = result.ctrData;
    this.counter = result.counter;
    this.failedAttempts = result.failedAttempts;
    this.blocked ||= result.blockActivation;
    return result;
  }
}

const POST = { method: "POST", uriId: "/pa/signature/validate", body: '{"requestObject":{"x":1}}' };

describe("device ↔ server round trips (§10)", () => {
  for (const version of VERSIONS) {
    it(`${version}: every signature type over 50 counter steps`, () => {
      for (const signatureType of SIGNATURE_TYPES) {
        const fixture = createTestDevice(version);
        const server = new Server(fixture);
        let state = fixture.state;
        for (let step = 0; step < 50; step++) {
          const body = `${POST.body}${step}`;
          const signed = signRequest(state, { ...POST, body, signatureType });
          const header = parseAuthorizationHeader(signed.headerValue);
          expect(header).toMatchObject({ version, signatureType, activationId: state.activationId, applicationKey: state.app.applicationKey });
          expect(header.signature).toMatch(version === "3.0" ? /^[0-9]{8}(-[0-9]{8}){0,2}$/ : /^[A-Za-z0-9+/=]{24,64}$/);
          const result = server.verify({ ...POST, body }, signed.headerValue);
          expect(result).toMatchObject({ valid: true, matchedStep: 0, counter: step + 1 });
          state = signed.state;
          expect(state.counter).toBe(server.counter);
          expect(state.ctrData).toBe(server.ctrData.toString("base64"));
        }
      }
    });
  }

  it("accepts a device ahead by up to look-ahead − 1 steps and resynchronises", () => {
    for (const version of VERSIONS) {
      const fixture = createTestDevice(version);
      const server = new Server(fixture);
      let state = fixture.state;
      for (const ahead of [1, 5, 19]) {
        // Signatures the server never saw (e.g. lost requests).
        for (let i = 0; i < ahead; i++) state = signRequest(state, { ...POST, signatureType: "possession" }).state;
        const signed = signRequest(state, { ...POST, signatureType: "possession_knowledge" });
        const before = server.counter;
        expect(server.verify(POST, signed.headerValue)).toMatchObject({ valid: true, matchedStep: ahead, counter: before + ahead + 1 });
        state = signed.state;
        expect(state.ctrData).toBe(server.ctrData.toString("base64"));
        expect(state.counter).toBe(server.counter);
      }
    }
  });

  it("rejects a device ahead by the whole window as a distinct outcome, without moving the counter", () => {
    const fixture = createTestDevice("3.3");
    const server = new Server(fixture);
    let state = fixture.state;
    for (let i = 0; i < 20; i++) state = signRequest(state, { ...POST, signatureType: "possession" }).state;
    const signed = signRequest(state, { ...POST, signatureType: "possession_knowledge" });
    const plain = server.verify(POST, signed.headerValue);
    expect(plain).toMatchObject({ valid: false, reason: "SIGNATURE_MISMATCH", counter: 0, failedAttempts: 1 });
    const diagnosed = server.verify(POST, signed.headerValue, { diagnosticSteps: 10 });
    expect(diagnosed).toMatchObject({ valid: false, reason: "COUNTER_OUT_OF_WINDOW", matchedStep: 20, counter: 0, failedAttempts: 2 });
    expect(server.ctrData.equals(fixture.server.ctrData)).toBe(true);
  });

  it("blocks after maxFailedAttempts wrong 2FA signatures but not after possession ones", () => {
    const fixture = createTestDevice("3.1");
    const server = new Server(fixture);
    const wrongSecret = { applicationSecret: "AAAAAAAAAAAAAAAAAAAAAA==" };
    for (let i = 0; i < 10; i++) {
      expect(server.verify(POST, signRequest(fixture.state, { ...POST, signatureType: "possession" }).headerValue, wrongSecret).valid).toBe(false);
    }
    expect(server).toMatchObject({ failedAttempts: 0, blocked: false });
    for (let i = 1; i <= 5; i++) {
      const result = server.verify(POST, signRequest(fixture.state, { ...POST, signatureType: "possession_knowledge" }).headerValue, wrongSecret);
      expect(result).toMatchObject({ valid: false, failedAttempts: i, remainingAttempts: 5 - i, blockActivation: i === 5 });
    }
    expect(server.blocked).toBe(true);
  });

  it("signs GET requests over the canonical query string", () => {
    const fixture = createTestDevice("3.2");
    const server = new Server(fixture);
    const query = { to: "2024-12-31", from: "2024-01-01", name: "Jan Novák" };
    const signed = signRequest(fixture.state, { method: "GET", uriId: "/api/history", query, signatureType: "possession_biometry" });
    const sent = new URLSearchParams(query).toString();
    expect(server.verify({ method: "GET", uriId: "/api/history", body: canonicalQueryString(sent) }, signed.headerValue).valid).toBe(true);
    // A raw query string is canonicalised the same way.
    const raw = signRequest(signed.state, { method: "GET", uriId: "/api/history", query: sent, signatureType: "possession" });
    expect(server.verify({ method: "GET", uriId: "/api/history", body: canonicalQueryString(sent) }, raw.headerValue).valid).toBe(true);
  });

  it("the signature covers method, URI id, body and secret", () => {
    const fixture = createTestDevice("3.3");
    const signed = signRequest(fixture.state, { ...POST, signatureType: "possession_knowledge" });
    for (const changed of [{ ...POST, method: "PUT" }, { ...POST, uriId: "/pa/token/create" }, { ...POST, body: `${POST.body} ` }]) {
      expect(new Server(fixture).verify(changed, signed.headerValue).valid).toBe(false);
    }
    expect(new Server(fixture).verify(POST, signed.headerValue).valid).toBe(true);
  });
});

describe("signRequest contract", () => {
  it("never mutates the input state and returns a serialisable one", () => {
    const { state } = createTestDevice("3.3");
    const copy: DeviceActivation = structuredClone(state);
    const signed = signRequest(state, { ...POST, signatureType: "possession_knowledge_biometry" });
    expect(state).toEqual(copy);
    expect(JSON.parse(JSON.stringify(signed.state))).toEqual(signed.state);
    expect(signed.state.counter).toBe(1);
    expect(signed.headerName).toBe("X-PowerAuth-Authorization");
  });

  it("uses a given nonce and rejects a body together with a query", () => {
    const { state } = createTestDevice("3.3");
    const nonce = Buffer.alloc(16, 5);
    expect(parseAuthorizationHeader(signRequest(state, { ...POST, signatureType: "possession", nonce }).headerValue).nonce.equals(nonce)).toBe(true);
    expectPowerAuthError(() => signRequest(state, { ...POST, query: { a: "1" }, signatureType: "possession" }), "INVALID_FORMAT");
  });

  it("endpoints restrict the types a server accepts", () => {
    expectPowerAuthError(() => requireSignatureTypeAllowed("possession", SIGNED_ENDPOINTS.recoveryConfirm.allowedTypes), "SIGNATURE_TYPE_NOT_ALLOWED");
  });
});
