import { describe, expect, it } from "vitest";

import { readVectorFile } from "../testing/test-helpers";
import { utf8 } from "./encoding";
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  compressPublicKey,
  decodePublicKey,
  ecdsaSignDer,
  ecdsaSignJose,
  ecdsaVerifyDer,
  ecdsaVerifyJose,
  generateKeyPair,
  hmacSha256,
  normalizePrivateKey,
  publicKeyFromPrivate,
  x963,
} from "./primitives";

const vectors = (path: string) => JSON.parse(readVectorFile(path));
const hex = (text: string) => Buffer.from(text, "hex");

describe("primitives against the JS test-client vectors", () => {
  it("X9.63 KDF", () => {
    const { testVectors } = vectors("powerauth-js-test-client/test-data/kdf-x963.json");
    expect(testVectors.length).toBeGreaterThan(0);
    for (const v of testVectors) {
      expect(x963(hex(v.secret), hex(v.sinfo), v.expected.length / 2).toString("hex")).toBe(v.expected);
    }
  });

  it("HMAC-SHA256 (outputs may be truncated)", () => {
    const { testVectors } = vectors("powerauth-js-test-client/test-data/hmac.json");
    for (const v of testVectors) {
      expect(hmacSha256(hex(v.key), hex(v.data)).toString("hex").startsWith(v.hmac)).toBe(true);
    }
  });

  it("AES-128-CBC with PKCS#7", () => {
    const { testVectors } = vectors("powerauth-js-test-client/test-data/aes-cbc-pkcs7.json");
    for (const v of testVectors) {
      expect(aesCbcEncrypt(hex(v.key), hex(v.iv), hex(v.plain)).toString("hex")).toBe(v.enc);
      expect(aesCbcDecrypt(hex(v.key), hex(v.iv), hex(v.enc)).toString("hex")).toBe(v.plain);
    }
  });
});

describe("P-256", () => {
  it("normalises Java BigInteger private keys", () => {
    const key = Buffer.alloc(32, 7);
    expect(normalizePrivateKey(Buffer.concat([Buffer.from([0]), key]))).toEqual(key);
    expect(normalizePrivateKey(key.subarray(1))).toHaveLength(32);
  });

  it("accepts compressed and uncompressed keys and rejects points off the curve", () => {
    const { publicKey, privateKey } = generateKeyPair();
    expect(publicKeyFromPrivate(privateKey)).toEqual(publicKey);
    expect(decodePublicKey(compressPublicKey(publicKey))).toEqual(publicKey);
    const offCurve = Buffer.from(publicKey);
    offCurve[64] = offCurve[64]! ^ 1;
    expect(() => decodePublicKey(offCurve)).toThrow(expect.objectContaining({ code: "INVALID_POINT" }));
    expect(() => decodePublicKey(Buffer.alloc(65))).toThrow(expect.objectContaining({ code: "INVALID_POINT" }));
  });

  it("ECDSA DER and JOSE sign and verify", () => {
    const { publicKey, privateKey } = generateKeyPair();
    const data = utf8("hello");
    expect(ecdsaVerifyDer(publicKey, data, ecdsaSignDer(privateKey, data))).toBe(true);
    expect(ecdsaVerifyJose(publicKey, data, ecdsaSignJose(privateKey, data))).toBe(true);
    expect(ecdsaVerifyDer(publicKey, utf8("other"), ecdsaSignDer(privateKey, data))).toBe(false);
    expect(ecdsaVerifyDer(publicKey, data, Buffer.from("garbage"))).toBe(false);
  });

  it("rejects an invalid private scalar", () => {
    expect(() => publicKeyFromPrivate(Buffer.alloc(32))).toThrow(expect.objectContaining({ code: "INVALID_KEY" }));
  });
});
