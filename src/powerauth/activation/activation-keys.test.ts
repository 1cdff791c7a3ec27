import { describe, expect, it } from "vitest";

import { fromBase64, toBase64 } from "../core/encoding";
import { compressPublicKey } from "../core/primitives";
import { b64, expectPowerAuthError, loadVectors } from "../testing/test-helpers";
import { computeMasterSecret, deriveActivationKeys, deriveTransportKey } from "./activation-keys";
import {
  decodePrivateKeyBase64,
  decodePublicKeyBase64,
  encodePrivateKey,
  encodePublicKey,
  generateApplicationVersionCredentials,
  generateMasterKeyPair,
  keyPairFromPrivateKey,
} from "./application-keys";

type Vector = { input: Record<string, string>; output: Record<string, string> };
const FOLDERS = ["powerauth-crypto/test-vectors", "powerauth-mobile-sdk/pa2"];

describe("master secret (§8)", () => {
  for (const folder of FOLDERS) {
    it(`matches ${folder}/compute-master-secret-key.json from both sides`, () => {
      const { data } = loadVectors<{ data: Vector[] }>(`${folder}/compute-master-secret-key.json`);
      expect(data.length).toBeGreaterThan(0);
      for (const { input, output } of data) {
        const devicePrivate = decodePrivateKeyBase64(input.devicePrivateKey!);
        const serverPrivate = decodePrivateKeyBase64(input.serverPrivateKey!);
        const devicePublic = decodePublicKeyBase64(input.devicePublicKey!);
        const serverPublic = decodePublicKeyBase64(input.serverPublicKey!);
        expect(toBase64(computeMasterSecret(devicePrivate, serverPublic))).toBe(output.masterSecretKey);
        expect(toBase64(computeMasterSecret(serverPrivate, compressPublicKey(devicePublic)))).toBe(output.masterSecretKey);
        expect(keyPairFromPrivateKey(devicePrivate).publicKey.equals(devicePublic)).toBe(true);
      }
    });
  }

  it("rejects a device public key that is not on the curve", () => {
    const pair = generateMasterKeyPair();
    const bad = Buffer.from(pair.publicKey);
    bad[64] = bad[64]! ^ 0x01;
    expectPowerAuthError(() => computeMasterSecret(generateMasterKeyPair().privateKey, bad), "INVALID_POINT");
  });
});

describe("derived keys (§8)", () => {
  for (const folder of FOLDERS) {
    it(`matches ${folder}/compute-derived-keys.json`, () => {
      const { data } = loadVectors<{ data: Vector[] }>(`${folder}/compute-derived-keys.json`);
      expect(data.length).toBeGreaterThan(0);
      for (const { input, output } of data) {
        const keys = deriveActivationKeys(b64(input.masterSecretKey!));
        expect(toBase64(keys.signaturePossession)).toBe(output.signaturePossessionKey);
        expect(toBase64(keys.signatureKnowledge)).toBe(output.signatureKnowledgeKey);
        expect(toBase64(keys.signatureBiometry)).toBe(output.signatureBiometryKey);
        expect(toBase64(keys.transport)).toBe(output.transportKey);
        expect(toBase64(keys.vaultEncryption)).toBe(output.vaultEncryptionKey);
        expect(toBase64(deriveTransportKey(b64(input.masterSecretKey!)))).toBe(output.transportKey);
      }
    });
  }

  it("matches powerauth-js-test-client/test-data/aes-kdf.json", () => {
    const { testVectors } = loadVectors<{ testVectors: Record<string, string>[] }>(
      "powerauth-js-test-client/test-data/aes-kdf.json",
    );
    expect(testVectors.length).toBeGreaterThan(0);
    for (const v of testVectors) {
      const keys = deriveActivationKeys(b64(v.masterSecretKey!));
      expect(toBase64(keys.signaturePossession)).toBe(v.signaturePossessionKey);
      expect(toBase64(keys.signatureKnowledge)).toBe(v.signatureKnowledgeKey);
      expect(toBase64(keys.signatureBiometry)).toBe(v.signatureBiometryKey);
      expect(toBase64(keys.transport)).toBe(v.transportKey);
      expect(toBase64(keys.vaultEncryption)).toBe(v.vaultEncryptionKey);
    }
  });

  it("refuses a master secret of the wrong length", () => {
    expectPowerAuthError(() => deriveActivationKeys(Buffer.alloc(15)), "INVALID_KEY");
  });
});

describe("application keys (§2)", () => {
  it("makes 16-byte Base64 key and secret (24 characters each)", () => {
    const a = generateApplicationVersionCredentials();
    const b = generateApplicationVersionCredentials();
    expect(a.applicationKey).toHaveLength(24);
    expect(a.applicationSecret).toHaveLength(24);
    expect(fromBase64(a.applicationKey, "key", 16)).toHaveLength(16);
    expect(a.applicationKey).not.toBe(b.applicationKey);
    expect(a.applicationSecret).not.toBe(a.applicationKey);
  });

  it("encodes keys for the wire and decodes Java-style private keys", () => {
    const pair = generateMasterKeyPair();
    expect(b64(encodePublicKey(compressPublicKey(pair.publicKey)))).toEqual(pair.publicKey);
    expect(b64(encodePrivateKey(pair.privateKey))).toHaveLength(32);
    const javaStyle = toBase64(Buffer.concat([Buffer.alloc(1), pair.privateKey]));
    expect(decodePrivateKeyBase64(javaStyle)).toEqual(pair.privateKey);
    expectPowerAuthError(() => decodePrivateKeyBase64(toBase64(Buffer.alloc(32))), "INVALID_KEY");
    expectPowerAuthError(() => decodePrivateKeyBase64(toBase64(Buffer.alloc(34, 1))), "INVALID_KEY");
    expectPowerAuthError(() => decodePrivateKeyBase64("%%%"), "INVALID_BASE64");
    expectPowerAuthError(() => decodePublicKeyBase64(toBase64(Buffer.alloc(65, 4))), "INVALID_POINT");
  });
});
