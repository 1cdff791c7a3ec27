import { describe, expect, it } from "vitest";

import { toBase64, utf8 } from "../core/encoding";
import { generateKeyPair, randomBytes } from "../core/primitives";
import { PROTOCOL_VERSIONS, type ProtocolVersion } from "../core/protocol-version";
import { createActivationRequest, finishActivation } from "../device/create-activation";
import type { DeviceAppConfig } from "../device/device-state";
import { encryptApplicationRequest } from "../device/encrypt-request";
import type { DeviceTemporaryKey } from "../device/temporary-keys";
import { ECIES_SHARED_INFO_1 } from "../ecies/ecies-core";
import { parseEncryptionHeader } from "../ecies/ecies-header";
import { parseEciesRequest } from "../ecies/ecies-wire";
import { expectPowerAuthError } from "../testing/test-helpers";
import { buildActivationQrCodeData, generateActivationCode } from "./activation-code";
import { computeMasterSecret, deriveActivationKeys } from "./activation-keys";
import { generateApplicationVersionCredentials, generateMasterKeyPair } from "./application-keys";
import {
  buildActivationResponse,
  completeActivationKeyExchange,
  decryptActivationLayer1,
  processActivationLayer2,
} from "./key-exchange";

const NOW = 1_723_000_000_000;
const master = generateMasterKeyPair();
const credentials = generateApplicationVersionCredentials();
const app: DeviceAppConfig = { ...credentials, masterServerPublicKey: toBase64(master.publicKey) };
const temporary = generateKeyPair();
const temporaryKey: DeviceTemporaryKey = {
  keyId: "5b0c4c61-0b4e-4d6b-9f3e-2c7a9d1e8f00",
  publicKey: toBase64(temporary.publicKey),
  applicationKey: app.applicationKey,
  expiresAtMs: NOW + 300_000,
};
const activationId = "c564e700-7e86-4a87-b6c8-a5a0cc89683f";

/** What a server route does with the body; returns everything for assertions. */
function server(version: ProtocolVersion, header: string, body: unknown, privateKey = version === "3.3" ? temporary.privateKey : master.privateKey) {
  const parsedHeader = parseEncryptionHeader(header, "application");
  const request = parseEciesRequest(body, parsedHeader.version);
  const options = { ...credentials, privateKey, now: NOW + 1_000 };
  const layer1 = decryptActivationLayer1(request, options);
  const layer2 = processActivationLayer2(layer1, options);
  const exchange = completeActivationKeyExchange({ activationId, devicePublicKey: layer2.request.devicePublicKey, serverKeyPair: generateKeyPair() });
  const response = buildActivationResponse(layer1, layer2, {
    activationId,
    serverPublicKey: exchange.serverKeyPair.publicKey,
    ctrData: exchange.ctrData,
    userInfo: { sub: "user-1" },
    now: NOW + 1_100,
  });
  return { parsedHeader, request, layer1, layer2, exchange, response };
}

function device(version: ProtocolVersion, extra: Partial<Parameters<typeof createActivationRequest>[0]> = {}) {
  return createActivationRequest({
    app,
    version,
    activationCode: buildActivationQrCodeData(generateActivationCode(), master.privateKey),
    activationName: "My iPhone",
    platform: "iOS",
    deviceInfo: "iPhone12,3",
    customAttributes: { campaign: "spring" },
    ...(version === "3.3" ? { temporaryKey } : {}),
    now: NOW,
    ...extra,
  });
}

describe("activation key exchange device ↔ server (§7)", () => {
  for (const version of PROTOCOL_VERSIONS) {
    it(`version ${version}`, () => {
      const { body, encryptionHeader, pending } = device(version, { activationOtp: "12345678" });
      const wirePending = JSON.parse(JSON.stringify(pending));
      const s = server(version, encryptionHeader, JSON.stringify(body));
      expect(s.parsedHeader).toEqual({ applicationKey: app.applicationKey, version });
      expect(s.request.temporaryKeyId).toBe(version === "3.3" ? temporaryKey.keyId : null);
      expect(s.layer1.layer2Request.temporaryKeyId).toBe(version === "3.3" ? temporaryKey.keyId : null);
      expect(s.layer1.request.type).toBe("CODE");
      expect(s.layer1.request.customAttributes).toEqual({ campaign: "spring" });
      expect(s.layer2.request).toEqual({
        devicePublicKey: Buffer.from(pending.devicePublicKey, "base64"),
        activationName: "My iPhone",
        activationOtp: "12345678",
        platform: "ios",
        deviceInfo: "iPhone12,3",
      });
      expect(s.layer1.uniqueValue).not.toEqual(s.layer2.uniqueValue);

      const done = finishActivation(wirePending, JSON.parse(JSON.stringify(s.response)));
      expect(done.activation.activationId).toBe(activationId);
      expect(done.activation.ctrData).toBe(toBase64(s.exchange.ctrData));
      expect(done.activation.counter).toBe(0);
      expect(done.activation.version).toBe(version);
      expect(done.fingerprint).toBe(s.exchange.fingerprint);
      expect(done.fingerprint).toMatch(/^[0-9]{8}$/);
      expect(done.customAttributes).toEqual({ campaign: "spring" });
      expect(done.userInfo).toEqual({ sub: "user-1" });
      // Both sides hold the same keys (§8).
      const serverKeys = deriveActivationKeys(computeMasterSecret(s.exchange.serverKeyPair.privateKey, s.exchange.devicePublicKey));
      expect(done.activation.keys).toEqual({
        possession: toBase64(serverKeys.signaturePossession),
        knowledge: toBase64(serverKeys.signatureKnowledge),
        biometry: toBase64(serverKeys.signatureBiometry),
        transport: toBase64(serverKeys.transport),
      });
      expect(JSON.parse(JSON.stringify(done.activation))).toEqual(done.activation);
    });
  }

  it("defaults the platform to unknown, keeps optional fields absent, and returns recovery data", () => {
    const { body, encryptionHeader, pending } = device("3.2", { platform: undefined, activationName: undefined, deviceInfo: undefined });
    const request = parseEciesRequest(body, parseEncryptionHeader(encryptionHeader, "application").version);
    const options = { ...credentials, privateKey: master.privateKey, now: NOW };
    const layer1 = decryptActivationLayer1(request, options);
    const layer2 = processActivationLayer2(layer1, options);
    expect(layer2.request.platform).toBe("unknown");
    expect(Object.keys(layer2.request).sort()).toEqual(["devicePublicKey", "platform"]);
    const exchange = completeActivationKeyExchange({ activationId, devicePublicKey: layer2.request.devicePublicKey });
    const response = buildActivationResponse(layer1, layer2, {
      activationId,
      serverPublicKey: exchange.serverKeyPair.publicKey,
      ctrData: exchange.ctrData,
      activationRecovery: { recoveryCode: "VVVVV-VVVVV-VVVVV-VTFVA", puk: "0123456789" },
      customAttributes: { replaced: true },
      now: NOW,
    });
    const done = finishActivation(pending, response);
    expect(done.activationRecovery).toEqual({ recoveryCode: "VVVVV-VVVVV-VVVVV-VTFVA", puk: "0123456789" });
    expect(done.customAttributes).toEqual({ replaced: true });
    expect(done.userInfo).toBeUndefined();
  });
});

describe("activation failures", () => {
  const options = { ...credentials, privateKey: master.privateKey, now: NOW };
  /** An application-scope layer-1 request carrying arbitrary plaintext. */
  const rawLayer1 = (plaintext: unknown, version: ProtocolVersion = "3.2") =>
    parseEciesRequest(
      encryptApplicationRequest(app, version, ECIES_SHARED_INFO_1.APPLICATION_SCOPE_GENERIC, typeof plaintext === "string" ? utf8(plaintext) : utf8(JSON.stringify(plaintext)), { now: NOW }).body,
      version,
    );
  const layer2Body = (plaintext: object, version: ProtocolVersion = "3.2") =>
    encryptApplicationRequest(app, version, ECIES_SHARED_INFO_1.ACTIVATION_LAYER_2, utf8(JSON.stringify(plaintext)), { now: NOW }).body;
  const code = generateActivationCode();

  it("validates the layer-1 JSON", () => {
    const data = layer2Body({ devicePublicKey: toBase64(generateKeyPair().publicKey) });
    expect(decryptActivationLayer1(rawLayer1({ type: "CODE", identityAttributes: { code }, activationData: data }), options).request.type).toBe("CODE");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1("not json"), options), "INVALID_FORMAT");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ activationType: "CODE", identityAttributes: { code }, activationData: data }), options), "INVALID_FORMAT");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ type: "PIN", identityAttributes: { code }, activationData: data }), options), "INVALID_FORMAT");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ type: "CODE", identityAttributes: { code: "LLLLL-LLLLL-LLLLL-LLJTA" }, activationData: data }), options), "INVALID_ACTIVATION_CODE");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ type: "CODE", identityAttributes: { code: 5 }, activationData: data }), options), "INVALID_FORMAT");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ type: "RECOVERY", identityAttributes: { recoveryCode: code }, activationData: data }), options), "INVALID_FORMAT");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ type: "CUSTOM", identityAttributes: {}, activationData: "x" }), options), "INVALID_FORMAT");
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ type: "CUSTOM", identityAttributes: {}, customAttributes: [1], activationData: data }), options), "INVALID_FORMAT");
    // layer 2 of another version than the header says
    expectPowerAuthError(() => decryptActivationLayer1(rawLayer1({ type: "CODE", identityAttributes: { code }, activationData: layer2Body({}, "3.1") }), options), "INVALID_FORMAT");
    const custom = decryptActivationLayer1(rawLayer1({ type: "DIRECT", identityAttributes: { username: "alice" }, activationData: data }), options);
    expect(custom.request.identityAttributes).toEqual({ username: "alice" });
  });

  it("validates the layer-2 JSON: the device key must be a point on P-256", () => {
    const run = (plain: object) =>
      processActivationLayer2(decryptActivationLayer1(rawLayer1({ type: "CODE", identityAttributes: { code }, activationData: layer2Body(plain) }), options), options);
    const offCurve = Buffer.from(generateKeyPair().publicKey);
    offCurve[64] = offCurve[64]! ^ 1;
    expectPowerAuthError(() => run({ devicePublicKey: toBase64(offCurve) }), "INVALID_POINT");
    expectPowerAuthError(() => run({ devicePublicKey: "%%" }), "INVALID_BASE64");
    expectPowerAuthError(() => run({}), "INVALID_FORMAT");
    expectPowerAuthError(() => run({ devicePublicKey: toBase64(generateKeyPair().publicKey), platform: 7 }), "INVALID_FORMAT");
    expect(run({ devicePublicKey: toBase64(generateKeyPair().publicKey), platform: "Android", activationOtp: null }).request).toMatchObject({ platform: "android" });
  });

  it("detects the wrong master key, tampering and a bad QR signature", () => {
    const { body, encryptionHeader, pending } = device("3.2");
    expectPowerAuthError(() => server("3.2", encryptionHeader, body, generateKeyPair().privateKey), "INVALID_MAC");
    const tampered = { ...body, activationData: undefined, mac: toBase64(randomBytes(32)) };
    expectPowerAuthError(() => server("3.2", encryptionHeader, tampered), "INVALID_MAC");
    const { response } = server("3.2", encryptionHeader, body);
    expectPowerAuthError(() => finishActivation(pending, { ...response, mac: toBase64(randomBytes(32)) }), "INVALID_MAC");
    const other = device("3.2");
    expectPowerAuthError(() => finishActivation(other.pending, response), "INVALID_MAC");
    const foreignQr = buildActivationQrCodeData(generateActivationCode(), generateKeyPair().privateKey);
    expectPowerAuthError(() => device("3.2", { activationCode: foreignQr }), "INVALID_SIGNATURE");
    expect(device("3.2", { activationCode: generateActivationCode() }).body.ephemeralPublicKey).toBeTruthy();
    expectPowerAuthError(() => device("3.3", { temporaryKey: undefined }), "INVALID_KEY");
    expectPowerAuthError(() => device("3.3", { temporaryKey: { ...temporaryKey, expiresAtMs: NOW } }), "TIMESTAMP_EXPIRED");
    expectPowerAuthError(() => device("3.2", { temporaryKey }), "INVALID_FORMAT");
  });
});
