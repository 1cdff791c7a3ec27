import { describe, expect, it } from "vitest";

import { toBase64, utf8 } from "../core/encoding";
import { generateKeyPair, randomBytes } from "../core/primitives";
import { PROTOCOL_VERSIONS, type ProtocolVersion } from "../core/protocol-version";
import { expectPowerAuthError } from "../testing/test-helpers";
import { clientDecryptEciesResponse, clientEncryptEciesRequest } from "./ecies-client";
import { ECIES_SHARED_INFO_1, type EciesSharedInfo1, eciesScopeOf } from "./ecies-core";
import { checkEciesTimestamp, serverDecryptEciesRequest, serverEncryptEciesResponse } from "./ecies-server";
import { parseEciesRequest, parseEciesResponse } from "./ecies-wire";

const NOW = 1_700_000_000_000;
const app = { applicationKey: toBase64(randomBytes(16)), applicationSecret: toBase64(randomBytes(16)) };
const activation = { activationId: "0f8fad5b-d9cb-469f-a165-70867728950e", transportKey: randomBytes(16) };
const serverKeys = generateKeyPair();
const tempKeyId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

function scopeInput(sh1: EciesSharedInfo1) {
  return eciesScopeOf(sh1) === "activation" ? { ...app, activation } : { ...app };
}

/** Device encrypts, returning what the server will receive. */
function deviceRequest(version: ProtocolVersion, sh1: EciesSharedInfo1, plaintext = utf8('{"hello":"world"}')) {
  return clientEncryptEciesRequest(plaintext, {
    ...scopeInput(sh1),
    version,
    sharedInfo1: sh1,
    serverPublicKey: serverKeys.publicKey,
    ...(version === "3.3" ? { temporaryKeyId: tempKeyId } : {}),
    now: NOW,
  });
}

function serverDecrypt(version: ProtocolVersion, sh1: EciesSharedInfo1, body: unknown, overrides: object = {}) {
  return serverDecryptEciesRequest(parseEciesRequest(body, version), {
    ...scopeInput(sh1),
    sharedInfo1: sh1,
    privateKey: serverKeys.privateKey,
    now: NOW + 500,
    ...overrides,
  });
}

describe("ECIES round trips device ↔ server (§5)", () => {
  for (const version of PROTOCOL_VERSIONS) {
    for (const sh1 of Object.values(ECIES_SHARED_INFO_1)) {
      it(`${version} ${eciesScopeOf(sh1)} ${sh1}`, () => {
        const plaintext = randomBytes(1 + Math.floor(Math.random() * 70));
        const { request, context } = deviceRequest(version, sh1, plaintext);
        expect("nonce" in request).toBe(version !== "3.0");
        expect("timestamp" in request).toBe(version === "3.2" || version === "3.3");
        expect("temporaryKeyId" in request).toBe(version === "3.3");
        const wire = JSON.parse(JSON.stringify(request));
        const result = serverDecrypt(version, sh1, wire);
        expect(result.plaintext).toEqual(plaintext);
        const response = serverEncryptEciesResponse(result.context, utf8("{}"), { now: NOW + 600 });
        if (version === "3.2" || version === "3.3") {
          expect(response.timestamp).toBe(NOW + 600);
          expect(response.nonce).not.toBe(request.nonce);
        } else {
          expect(Object.keys(response).sort()).toEqual(["encryptedData", "mac"]);
        }
        expect(clientDecryptEciesResponse(JSON.parse(JSON.stringify(context)), JSON.stringify(response))).toEqual(utf8("{}"));
      });
    }
  }

  it("uses a zero IV in 3.0 and the request IV for the 3.1 response (same plaintext, same ciphertext)", () => {
    for (const version of ["3.0", "3.1"] as const) {
      const { request } = deviceRequest(version, ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC);
      const ctx = serverDecrypt(version, ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC, request).context;
      const a = serverEncryptEciesResponse(ctx, utf8("same"), { now: NOW });
      const b = serverEncryptEciesResponse(ctx, utf8("same"), { now: NOW });
      expect(a).toEqual(b);
    }
  });

  it("returns the unique value ephemeralKey || nonce || activationId and its retention time", () => {
    const sh1 = ECIES_SHARED_INFO_1.CREATE_TOKEN;
    const { request } = deviceRequest("3.3", sh1);
    const first = serverDecrypt("3.3", sh1, request);
    const replay = serverDecrypt("3.3", sh1, request);
    expect(first.uniqueValue).toEqual(replay.uniqueValue); // the caller's store refuses the second one
    const expected = Buffer.concat([
      Buffer.from(request.ephemeralPublicKey, "base64"),
      Buffer.from(request.nonce!, "base64"),
      utf8(activation.activationId),
    ]);
    expect(first.uniqueValue).toEqual(expected);
    expect(first.uniqueValueExpiresAt).toBe(NOW + 60_000 + 5_000);
    const appScope = serverDecrypt("3.0", ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC, deviceRequest("3.0", ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC).request);
    expect(appScope.uniqueValue).toHaveLength(33);
    expect(appScope.uniqueValueExpiresAt).toBe(NOW + 500 + 7_200_000);
  });
});

describe("ECIES failures", () => {
  const sh1 = ECIES_SHARED_INFO_1.VAULT_UNLOCK;

  it("detects a tampered MAC, ciphertext, wrong key, wrong secret, wrong activation and wrong SharedInfo1", () => {
    for (const version of PROTOCOL_VERSIONS) {
      const { request } = deviceRequest(version, sh1);
      const flip = (text: string) => {
        const bytes = Buffer.from(text, "base64");
        bytes[0] = bytes[0]! ^ 1;
        return toBase64(bytes);
      };
      expectPowerAuthError(() => serverDecrypt(version, sh1, { ...request, mac: flip(request.mac) }), "INVALID_MAC");
      expectPowerAuthError(() => serverDecrypt(version, sh1, { ...request, encryptedData: flip(request.encryptedData) }), "INVALID_MAC");
      expectPowerAuthError(() => serverDecrypt(version, sh1, request, { privateKey: generateKeyPair().privateKey }), "INVALID_MAC");
      expectPowerAuthError(() => serverDecrypt(version, sh1, request, { applicationSecret: toBase64(randomBytes(16)) }), "INVALID_MAC");
      expectPowerAuthError(
        () => serverDecrypt(version, sh1, request, { activation: { ...activation, transportKey: randomBytes(16) } }),
        "INVALID_MAC",
      );
      expectPowerAuthError(
        () => serverDecrypt(version, ECIES_SHARED_INFO_1.CREATE_TOKEN, request),
        "INVALID_MAC",
      );
      if (version === "3.2" || version === "3.3") {
        // The activation ID, the app key and the timestamp are authenticated through SH2/AD.
        const otherId = { ...activation, activationId: activation.activationId.toUpperCase() };
        expectPowerAuthError(() => serverDecrypt(version, sh1, request, { activation: otherId }), "INVALID_MAC");
        expectPowerAuthError(() => serverDecrypt(version, sh1, request, { applicationKey: toBase64(randomBytes(16)) }), "INVALID_MAC");
        expectPowerAuthError(() => serverDecrypt(version, sh1, { ...request, timestamp: request.timestamp! + 1 }), "INVALID_MAC");
        expectPowerAuthError(() => serverDecrypt(version, sh1, { ...request, nonce: flip(request.nonce!) }), "INVALID_MAC");
      }
      if (version === "3.3") {
        expectPowerAuthError(() => serverDecrypt(version, sh1, { ...request, temporaryKeyId: "11111111-2222-4333-8444-555555555555" }), "INVALID_MAC");
      }
    }
  });

  it("rejects malformed fields with typed errors", () => {
    const { request } = deviceRequest("3.3", sh1);
    // Changing Y of an uncompressed point always leaves the curve (changing a compressed X would
    // land on another valid point about half the time).
    const badPoint = Buffer.from(generateKeyPair().publicKey);
    badPoint[64] = badPoint[64]! ^ 0x01;
    expectPowerAuthError(() => parseEciesRequest({ ...request, ephemeralPublicKey: toBase64(badPoint) }, "3.3"), "INVALID_POINT");
    expectPowerAuthError(() => parseEciesRequest({ ...request, ephemeralPublicKey: toBase64(randomBytes(20)) }, "3.3"), "INVALID_POINT");
    expectPowerAuthError(() => parseEciesRequest({ ...request, mac: "***" }, "3.3"), "INVALID_BASE64");
    expectPowerAuthError(() => parseEciesRequest({ ...request, mac: toBase64(randomBytes(31)) }, "3.3"), "INVALID_LENGTH");
    expectPowerAuthError(() => parseEciesRequest({ ...request, nonce: toBase64(randomBytes(15)) }, "3.3"), "INVALID_LENGTH");
    expectPowerAuthError(() => parseEciesRequest({ ...request, encryptedData: toBase64(randomBytes(15)) }, "3.3"), "INVALID_LENGTH");
    expectPowerAuthError(() => parseEciesRequest({ ...request, encryptedData: "" }, "3.3"), "INVALID_LENGTH");
    expectPowerAuthError(() => parseEciesRequest({ ...request, timestamp: "1" }, "3.3"), "INVALID_FORMAT");
    expectPowerAuthError(() => parseEciesRequest({ ...request, temporaryKeyId: "key-1" }, "3.3"), "INVALID_FORMAT");
    expectPowerAuthError(() => parseEciesRequest("{not json", "3.3"), "INVALID_FORMAT");
    expectPowerAuthError(() => parseEciesRequest(Buffer.from([0xff, 0xfe]), "3.3"), "INVALID_FORMAT");
    expectPowerAuthError(() => parseEciesRequest("[]", "3.3"), "INVALID_FORMAT");
  });

  it("requires and forbids the fields of each version (§5.3 step 1)", () => {
    const { request: r30 } = deviceRequest("3.0", sh1);
    const { request: r31 } = deviceRequest("3.1", sh1);
    const { request: r32 } = deviceRequest("3.2", sh1);
    const { request: r33 } = deviceRequest("3.3", sh1);
    const without = (object: object, key: string) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));
    expectPowerAuthError(() => parseEciesRequest(r31, "3.0"), "INVALID_FORMAT"); // nonce forbidden
    expectPowerAuthError(() => parseEciesRequest({ ...r30, timestamp: NOW }, "3.0"), "INVALID_FORMAT");
    expectPowerAuthError(() => parseEciesRequest(r30, "3.1"), "INVALID_FORMAT"); // nonce required
    expectPowerAuthError(() => parseEciesRequest(r32, "3.1"), "INVALID_FORMAT"); // timestamp forbidden
    expectPowerAuthError(() => parseEciesRequest(r31, "3.2"), "INVALID_FORMAT"); // timestamp required
    expectPowerAuthError(() => parseEciesRequest(r33, "3.2"), "INVALID_FORMAT"); // temporaryKeyId forbidden
    expectPowerAuthError(() => parseEciesRequest(r32, "3.3"), "INVALID_FORMAT"); // temporaryKeyId required
    for (const key of ["ephemeralPublicKey", "encryptedData", "mac"]) {
      expectPowerAuthError(() => parseEciesRequest(without(r33, key), "3.3"), "INVALID_FORMAT");
    }
    // null means absent (Java serialises missing optionals as null)
    expect(parseEciesRequest({ ...r32, temporaryKeyId: null }, "3.2").temporaryKeyId).toBeNull();
  });

  it("rejects future and stale timestamps (window 60 s for 3.2+) with a configurable tolerance", () => {
    const { request } = deviceRequest("3.2", sh1);
    expectPowerAuthError(() => serverDecrypt("3.2", sh1, request, { now: NOW - 60_001 }), "TIMESTAMP_IN_FUTURE");
    expect(serverDecrypt("3.2", sh1, request, { now: NOW - 60_000 }).plaintext.length).toBeGreaterThan(0);
    expect(serverDecrypt("3.2", sh1, request, { now: NOW + 65_000 }).plaintext.length).toBeGreaterThan(0);
    expectPowerAuthError(() => serverDecrypt("3.2", sh1, request, { now: NOW + 65_001 }), "TIMESTAMP_EXPIRED");
    expectPowerAuthError(
      () => serverDecrypt("3.2", sh1, request, { now: NOW + 60_001, timestampPolicy: { staleToleranceMs: 0 } }),
      "TIMESTAMP_EXPIRED",
    );
    // 3.0/3.1 use the 2-hour window (their requests carry no timestamp, so only the helper sees it)
    expect(() => checkEciesTimestamp("3.1", NOW + 7_200_000, NOW)).not.toThrow();
    expectPowerAuthError(() => checkEciesTimestamp("3.1", NOW + 7_200_001, NOW), "TIMESTAMP_IN_FUTURE");
    expectPowerAuthError(() => checkEciesTimestamp("3.3", NOW - 70_000, NOW), "TIMESTAMP_EXPIRED");
  });

  it("checks scope inputs: activation scope needs the activation, application scope refuses it", () => {
    const { request } = deviceRequest("3.2", sh1);
    expectPowerAuthError(() => serverDecrypt("3.2", sh1, request, { activation: undefined }), "INVALID_FORMAT");
    const appSh1 = ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC;
    const { request: appRequest } = deviceRequest("3.2", appSh1);
    expectPowerAuthError(() => serverDecrypt("3.2", appSh1, appRequest, { activation }), "INVALID_FORMAT");
  });

  it("device: needs a temporary key ID exactly for 3.3", () => {
    const base = { ...app, sharedInfo1: ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC, serverPublicKey: serverKeys.publicKey, now: NOW };
    expectPowerAuthError(() => clientEncryptEciesRequest(utf8("{}"), { ...base, version: "3.3" }), "INVALID_FORMAT");
    expectPowerAuthError(() => clientEncryptEciesRequest(utf8("{}"), { ...base, version: "3.2", temporaryKeyId: tempKeyId }), "INVALID_FORMAT");
  });

  it("response: fresh nonce ≠ request nonce, version fields enforced, tampering detected", () => {
    const { request, context } = deviceRequest("3.3", sh1);
    const { context: server } = serverDecrypt("3.3", sh1, request);
    expectPowerAuthError(
      () => serverEncryptEciesResponse(server, utf8("{}"), { now: NOW, nonce: Buffer.from(request.nonce!, "base64") }),
      "INVALID_FORMAT",
    );
    const response = serverEncryptEciesResponse(server, utf8('{"a":1}'), { now: NOW });
    expectPowerAuthError(() => clientDecryptEciesResponse(context, { ...response, nonce: undefined }), "INVALID_FORMAT");
    expectPowerAuthError(() => clientDecryptEciesResponse(context, { ...response, timestamp: response.timestamp! + 1 }), "INVALID_MAC");
    expectPowerAuthError(() => clientDecryptEciesResponse(context, { ...response, mac: toBase64(randomBytes(32)) }), "INVALID_MAC");

    const old = deviceRequest("3.1", sh1);
    const oldServer = serverDecrypt("3.1", sh1, old.request).context;
    expectPowerAuthError(() => serverEncryptEciesResponse(oldServer, utf8("{}"), { now: NOW, nonce: randomBytes(16) }), "INVALID_FORMAT");
    const oldResponse = serverEncryptEciesResponse(oldServer, utf8("{}"), { now: NOW });
    expectPowerAuthError(() => clientDecryptEciesResponse(old.context, { ...oldResponse, nonce: toBase64(randomBytes(16)) }), "INVALID_FORMAT");
    expect(parseEciesResponse(oldResponse, "3.1").nonce).toBeNull();
  });

  it("rejects unknown versions and corrupted stored contexts", () => {
    const { request, context } = deviceRequest("3.2", sh1);
    expectPowerAuthError(() => parseEciesRequest(request, "3.9" as ProtocolVersion), "INVALID_VERSION");
    expectPowerAuthError(() => clientDecryptEciesResponse({ ...context, version: "9.9" as ProtocolVersion }, {}), "INVALID_VERSION");
    expectPowerAuthError(() => clientDecryptEciesResponse({ ...context, scope: "application" }, {}), "INVALID_FORMAT");
    expectPowerAuthError(() => clientDecryptEciesResponse({ ...context, macKey: "AAAA" }, {}), "INVALID_LENGTH");
  });
});
