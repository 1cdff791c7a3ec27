import { describe, expect, it } from "vitest";

import { toBase64 } from "../core/encoding";
import { generateKeyPair, compressPublicKey, randomBytes } from "../core/primitives";
import { b64, expectPowerAuthError } from "../testing/test-helpers";
import { decodeMobileSdkConfig, encodeCompactCount, encodeMobileSdkConfig } from "./sdk-config";

// §18, from powerauth-server SdkConfigurationSerializerTest.
const EXAMPLE = {
  applicationKey: "w4+hAeogFLTZjcSjPwbG2g==",
  applicationSecret: "Szls/7JWbKN+FAOijHcsPA==",
  masterServerPublicKey: "BEEOwljSgItBIAnzr3f7K36s+KKoUzC8LE+K+7Dy0X6iAkcPXAjLP1KKPxdqyM/iihHAcW5x/WzJPCbtytcJo2w=",
};
const EXAMPLE_CONFIG =
  "ARDDj6EB6iAUtNmNxKM/BsbaEEs5bP+yVmyjfhQDoox3LDwBAUEEQQ7CWNKAi0EgCfOvd/srfqz4oqhTMLwsT4r7sPLRfqICRw9cCMs/Uoo/F2rIz+KKEcBxbnH9bMk8Ju3K1wmjbA==";

const withBytes = (mutate: (bytes: Buffer) => Buffer): string => toBase64(mutate(Buffer.from(b64(EXAMPLE_CONFIG))));

describe("mobileSdkConfig (§2)", () => {
  it("encodes the §18 example byte for byte and decodes it back", () => {
    expect(encodeMobileSdkConfig(EXAMPLE)).toBe(EXAMPLE_CONFIG);
    expect(b64(EXAMPLE_CONFIG).length).toBe(103);
    expect(EXAMPLE_CONFIG.length).toBe(140);
    expect(decodeMobileSdkConfig(EXAMPLE_CONFIG)).toEqual(EXAMPLE);
  });

  it("round-trips random configurations and writes a compressed master key uncompressed", () => {
    for (let i = 0; i < 10; i++) {
      const pair = generateKeyPair();
      const config = {
        applicationKey: toBase64(randomBytes(16)),
        applicationSecret: toBase64(randomBytes(16)),
        masterServerPublicKey: toBase64(compressPublicKey(pair.publicKey)),
      };
      const decoded = decodeMobileSdkConfig(encodeMobileSdkConfig(config));
      expect(decoded).toEqual({ ...config, masterServerPublicKey: toBase64(pair.publicKey) });
    }
  });

  it("writes compact counts in 1, 2 and 4 bytes", () => {
    expect(encodeCompactCount(0x10).toString("hex")).toBe("10");
    expect(encodeCompactCount(0x7f).toString("hex")).toBe("7f");
    expect(encodeCompactCount(0x80).toString("hex")).toBe("8080");
    expect(encodeCompactCount(0x3fff).toString("hex")).toBe("bfff");
    expect(encodeCompactCount(0x4000).toString("hex")).toBe("c0004000");
    expect(encodeCompactCount(0x3fffffff).toString("hex")).toBe("ffffffff");
    expectPowerAuthError(() => encodeCompactCount(0x40000000), "INVALID_LENGTH");
  });

  it("rejects malformed configurations with typed errors", () => {
    expectPowerAuthError(() => decodeMobileSdkConfig("not base64!"), "INVALID_BASE64");
    expectPowerAuthError(() => decodeMobileSdkConfig(""), "INVALID_LENGTH");
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[0] = 0x02), b))), "INVALID_VERSION");
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => b.subarray(0, 102))), "INVALID_LENGTH");
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => b.subarray(0, 20))), "INVALID_LENGTH");
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => Buffer.concat([b, Buffer.from([0])]))), "INVALID_LENGTH");
    // appKey count 15 instead of 16
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[1] = 0x0f), b))), "INVALID_LENGTH");
    // appSecret count 17
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[18] = 0x11), b))), "INVALID_LENGTH");
    // zero master keys
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[35] = 0x00), b))), "INVALID_LENGTH");
    // two master keys announced, only one present
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[35] = 0x02), b))), "INVALID_LENGTH");
    // unknown key type only
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[36] = 0x07), b))), "INVALID_FORMAT");
    // key length 64
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[37] = 0x40), b))), "INVALID_LENGTH");
    // point not on the curve
    expectPowerAuthError(() => decodeMobileSdkConfig(withBytes((b) => ((b[102] = b[102]! ^ 0x01), b))), "INVALID_POINT");
  });

  it("refuses to encode wrong sizes", () => {
    expectPowerAuthError(() => encodeMobileSdkConfig({ ...EXAMPLE, applicationKey: "AAAA" }), "INVALID_LENGTH");
    expectPowerAuthError(() => encodeMobileSdkConfig({ ...EXAMPLE, masterServerPublicKey: "AAAA" }), "INVALID_POINT");
  });
});
