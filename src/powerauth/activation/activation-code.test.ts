import { describe, expect, it } from "vitest";

import { base32Decode, crc16Arc, utf8 } from "../core/encoding";
import { generateKeyPair } from "../core/primitives";
import { b64, expectPowerAuthError, loadVectors } from "../testing/test-helpers";
import {
  activationCodeFromBytes,
  assertValidActivationCode,
  autoCorrectActivationCode,
  buildActivationQrCodeData,
  generateActivationCode,
  isValidActivationCode,
  parseActivationQrCodeData,
  signActivationCode,
  verifyActivationCodeSignature,
  verifyActivationQrCodeData,
} from "./activation-code";

// §18: valid codes from the docs.
const DOC_CODES = [
  "AAAAA-AAAAA-AAAAA-AAAAA",
  "LLLLL-LLLLL-LLLLL-LQJTA",
  "KKKKK-KKKKK-KKKKK-KDJNQ",
  "MMMMM-MMMMM-MMMMM-MUTOA",
  "VVVVV-VVVVV-VVVVV-VTFVA",
  "55555-55555-55555-55YMA",
  "W65WE-3T7VI-7FBS2-A4OYA",
  "DD7P5-SY4RW-XHSNB-GO52A",
  "X3TS3-TI35Z-JZDNT-TRPFA",
  "HCPJX-U4QC4-7UISL-NJYMA",
  "XHGSM-KYQDT-URE34-UZGWQ",
  "45AWJ-BVACS-SBWHS-ABANA",
];

describe("activation code (§3.1, §3.2)", () => {
  it("accepts the §18 codes and rebuilds each from its 10 bytes", () => {
    for (const code of DOC_CODES) {
      expect(isValidActivationCode(code)).toBe(true);
      const bytes = base32Decode(code.replace(/-/g, ""));
      expect(activationCodeFromBytes(bytes.subarray(0, 10))).toBe(code);
    }
  });

  it("10 zero bytes give AAAAA-AAAAA-AAAAA-AAAAA and CRC-16/ARC('123456789') is 0xBB3D", () => {
    expect(activationCodeFromBytes(Buffer.alloc(10))).toBe("AAAAA-AAAAA-AAAAA-AAAAA");
    expect(crc16Arc(utf8("123456789"))).toBe(0xbb3d);
  });

  it("generates valid, distinct codes", () => {
    const codes = new Set(Array.from({ length: 50 }, () => generateActivationCode()));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(isValidActivationCode(code)).toBe(true);
  });

  it("rejects a wrong CRC, a wrong shape and forbidden characters", () => {
    expect(isValidActivationCode("LLLLL-LLLLL-LLLLL-LQJTB")).toBe(true); // padding bits are ignored
    expect(isValidActivationCode("LLLLL-LLLLL-LLLLL-LQJUA")).toBe(false);
    expect(isValidActivationCode("LLLLL-LLLLL-LLLLL-LLJTA")).toBe(false);
    expect(isValidActivationCode("LLLLLLLLLLLLLLLLLQJTA")).toBe(false);
    expect(isValidActivationCode("lllll-lllll-lllll-lqjta")).toBe(false);
    expect(isValidActivationCode("00000-00000-00000-00000")).toBe(false);
    expect(isValidActivationCode(42)).toBe(false);
    expectPowerAuthError(() => assertValidActivationCode("LLLLL-LLLLL-LLLLL-LQJUA"), "INVALID_ACTIVATION_CODE");
    expectPowerAuthError(() => assertValidActivationCode("LLLLL"), "INVALID_ACTIVATION_CODE");
  });

  it("auto-corrects typed characters the way the clients do", () => {
    expect(autoCorrectActivationCode("w65we-3t7vi-7fbs2-a4oya")).toBe("W65WE-3T7VI-7FBS2-A4OYA");
    expect(autoCorrectActivationCode("HCPJX-U4QC4-7U1SL-NJYMA")).toBe("HCPJX-U4QC4-7UISL-NJYMA");
    expect(autoCorrectActivationCode("MMMMM-MMMMM-MMMMM-MUT0A")).toBe("MMMMM-MMMMM-MMMMM-MUTOA");
    expect(isValidActivationCode(autoCorrectActivationCode("x3ts3-ti35z-jzdnt-trpfa"))).toBe(true);
  });
});

describe("activation signature and QR payload (§3.3)", () => {
  it("verifies every signature of verify-activation-data-signature-v3.json", () => {
    const { data } = loadVectors<{ data: { input: Record<string, string>; output: Record<string, string> }[] }>(
      "powerauth-crypto/test-vectors/verify-activation-data-signature-v3.json",
    );
    expect(data.length).toBe(20);
    for (const { input, output } of data) {
      const publicKey = b64(input.masterPublicKey!);
      expect(verifyActivationCodeSignature(input.activationCode!, output.activationSignature!, publicKey)).toBe(true);
      expect(verifyActivationCodeSignature(`${input.activationCode!} `, output.activationSignature!, publicKey)).toBe(
        false,
      );
      // ECDSA is randomised: a fresh signature with the vector's private key must verify as well.
      const again = signActivationCode(input.activationCode!, b64(input.masterPrivateKey!));
      expect(verifyActivationCodeSignature(input.activationCode!, again, publicKey)).toBe(true);
      const qr = `${input.activationCode!}#${output.activationSignature!}`;
      expect(verifyActivationQrCodeData(qr, publicKey)).toEqual({
        activationCode: input.activationCode,
        activationSignature: output.activationSignature,
      });
    }
  });

  it("builds CODE#SIGNATURE and the device verifies it; other keys and tampering are refused", () => {
    const master = generateKeyPair();
    const other = generateKeyPair();
    const code = generateActivationCode();
    const qr = buildActivationQrCodeData(code, master.privateKey);
    expect(qr.startsWith(`${code}#ME`)).toBe(true);
    expect(verifyActivationQrCodeData(qr, master.publicKey).activationCode).toBe(code);
    expectPowerAuthError(() => verifyActivationQrCodeData(qr, other.publicKey), "INVALID_SIGNATURE");
    expectPowerAuthError(() => verifyActivationQrCodeData(`${code}#AAAA`, master.publicKey), "INVALID_SIGNATURE");
    expectPowerAuthError(() => verifyActivationQrCodeData(`${code}#not base64!`, master.publicKey), "INVALID_SIGNATURE");
    const otherCode = generateActivationCode();
    expectPowerAuthError(
      () => verifyActivationQrCodeData(`${otherCode}${qr.slice(23)}`, master.publicKey),
      "INVALID_SIGNATURE",
    );
  });

  it("accepts a code without signature (typed by hand) and checks only the CRC", () => {
    expect(parseActivationQrCodeData("VVVVV-VVVVV-VVVVV-VTFVA")).toEqual({ activationCode: "VVVVV-VVVVV-VVVVV-VTFVA" });
    expectPowerAuthError(() => parseActivationQrCodeData("VVVVV-VVVVV-VVVVV-VVVVV#x"), "INVALID_ACTIVATION_CODE");
    expectPowerAuthError(() => parseActivationQrCodeData("VVVVV-VVVVV-VVVVV-VTFVA#"), "INVALID_FORMAT");
    // The split happens at the first '#', so a '#' inside the signature part is not accepted as valid Base64.
    expectPowerAuthError(
      () => verifyActivationQrCodeData("VVVVV-VVVVV-VVVVV-VTFVA#MEU#x", generateKeyPair().publicKey),
      "INVALID_SIGNATURE",
    );
  });
});
