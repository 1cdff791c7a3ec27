import { describe, expect, it } from "vitest";

import { base32Decode, base32Encode, crc16Arc, fromBase64, lp, utf8 } from "./encoding";
import { PowerAuthError } from "./errors";

describe("bytes and encodings", () => {
  it("CRC-16/ARC check value", () => {
    expect(crc16Arc(utf8("123456789"))).toBe(0xbb3d);
  });

  it("Base32 round trip and lenient trailing bits", () => {
    const bytes = Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Decode("AAAAAAAAAAAAAAAAAAAA")).toEqual(Buffer.alloc(12));
    expect(base32Decode("AAAAAAAAAAAAAAAAAAAB")).toEqual(Buffer.alloc(12));
    expect(() => base32Decode("AAAA1")).toThrow(PowerAuthError);
  });

  it("strict Base64 rejects garbage and wrong lengths with typed errors", () => {
    expect(() => fromBase64("not base64!")).toThrow(expect.objectContaining({ code: "INVALID_BASE64" }));
    expect(() => fromBase64("AAAA", "nonce", 16)).toThrow(expect.objectContaining({ code: "INVALID_LENGTH" }));
    expect(fromBase64("AAECAwQFBgcICQoLDA0ODw==", "nonce", 16)).toHaveLength(16);
  });

  it("LP writes null as a zero length", () => {
    expect(lp(Buffer.from([1, 2]), null).toString("hex")).toBe("00000002010200000000");
  });
});
