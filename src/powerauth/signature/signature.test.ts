import { describe, expect, it } from "vitest";

import { PowerAuthError } from "../core/errors";
import { hmacSha256, r16, sha256 } from "../core/primitives";
import { b64, expectPowerAuthError, loadVectors } from "../testing/test-helpers";
import {
  computeSignature,
  computeSignatureComponents,
  ctrDataForV2Counter,
  formatSignature,
  nextCtrData,
  type SignatureFormat,
  signatureFormatForVersion,
  verifySignature,
  verifySignatureCandidates,
} from "./signature";
import { parseSignatureType, type SignatureType } from "./signature-type";

interface SignatureVector {
  input: {
    signaturePossessionKey: string;
    signatureKnowledgeKey: string;
    signatureBiometryKey: string;
    signatureType: string;
    counterData?: string;
    counter?: string;
    signatureComponentLength?: string;
    data: string;
  };
  output: { signature: string };
}

const load = (path: string) => loadVectors<{ data: SignatureVector[] }>(path).data;
const keysOf = (v: SignatureVector) => ({
  possession: b64(v.input.signaturePossessionKey),
  knowledge: b64(v.input.signatureKnowledgeKey),
  biometry: b64(v.input.signatureBiometryKey),
});

const SETS: { path: string; format: SignatureFormat }[] = [
  { path: "powerauth-crypto/test-vectors/signatures-v3.json", format: "decimal" },
  { path: "powerauth-mobile-sdk/pa2/signatures-v3.json", format: "decimal" },
  { path: "powerauth-crypto/test-vectors/signatures-v31.json", format: "base64" },
  { path: "powerauth-mobile-sdk/pa2/signatures-v31.json", format: "base64" },
  { path: "powerauth-crypto/test-vectors/signatures-offline.json", format: "decimal" },
  { path: "powerauth-mobile-sdk/pa2/signatures-offline.json", format: "decimal" },
];

describe("signature vectors (§10.2)", () => {
  for (const { path, format } of SETS) {
    it(`${path} (${format})`, () => {
      const vectors = load(path);
      expect(vectors.length).toBeGreaterThanOrEqual(200);
      for (const v of vectors) {
        const signature = computeSignature({
          keys: keysOf(v),
          type: parseSignatureType(v.input.signatureType),
          ctrData: b64(v.input.counterData!),
          data: b64(v.input.data),
          format,
          componentLength: v.input.signatureComponentLength ? Number(v.input.signatureComponentLength) : undefined,
        });
        expect(signature).toBe(v.output.signature);
      }
    });
  }

  for (const path of ["powerauth-crypto/test-vectors/signatures-v2.json", "powerauth-mobile-sdk/pa2/signatures-v2.json"]) {
    it(`${path} (protocol v2: CTR_DATA from the numeric counter)`, () => {
      const vectors = load(path);
      expect(vectors.length).toBe(300);
      for (const v of vectors) {
        const signature = computeSignature({
          keys: keysOf(v),
          type: parseSignatureType(v.input.signatureType),
          ctrData: ctrDataForV2Counter(BigInt(v.input.counter!)),
          data: b64(v.input.data),
          format: "decimal",
        });
        expect(signature).toBe(v.output.signature);
      }
    });
  }

  it("offline vectors cover every component length 4–8", () => {
    const lengths = new Set(load("powerauth-crypto/test-vectors/signatures-offline.json").map((v) => v.input.signatureComponentLength));
    expect([...lengths].sort()).toEqual(["4", "5", "6", "7", "8"]);
  });

  it("follows §10.2 literally, including KEYS[j+1] in the inner loop", () => {
    const v = load("powerauth-crypto/test-vectors/signatures-v31.json").find(
      (x) => x.input.signatureType === "possession_knowledge_biometry",
    )!;
    const keys = [v.input.signaturePossessionKey, v.input.signatureKnowledgeKey, v.input.signatureBiometryKey].map(b64);
    const ctr = b64(v.input.counterData!);
    const data = b64(v.input.data);
    const expected = keys.map((key, i) => {
      let d = hmacSha256(key, ctr);
      for (let j = 0; j < i; j++) d = hmacSha256(hmacSha256(keys[j + 1]!, ctr), d);
      return hmacSha256(d, data);
    });
    const components = computeSignatureComponents(keysOf(v), "possession_knowledge_biometry", ctr, data);
    expect(components.map((c) => c.toString("hex"))).toEqual(expected.map((c) => c.toString("hex")));
    expect(formatSignature(components, "base64")).toBe(v.output.signature);
  });
});

describe("hash-based counter (§10.3)", () => {
  it("consecutive vector entries with the same keys advance CTR_DATA by R16(SHA256(ctr))", () => {
    const vectors = load("powerauth-crypto/test-vectors/signatures-v31.json");
    let advanced = 0;
    for (let i = 1; i < vectors.length; i++) {
      const [a, b] = [vectors[i - 1]!, vectors[i]!];
      if (a.input.signaturePossessionKey !== b.input.signaturePossessionKey) continue;
      if (nextCtrData(b64(a.input.counterData!)).equals(b64(b.input.counterData!))) advanced++;
    }
    expect(advanced).toBe(290);
  });

  it("nextCtrData is R16(SHA256(c)) and needs 16 bytes", () => {
    const c = Buffer.alloc(16, 7);
    expect(nextCtrData(c).equals(r16(sha256(c)))).toBe(true);
    expectPowerAuthError(() => nextCtrData(Buffer.alloc(15)), "INVALID_LENGTH");
  });

  it("v2 CTR_DATA is 8 zero bytes and the big-endian counter", () => {
    expect(ctrDataForV2Counter(258).toString("hex")).toBe("00000000000000000000000000000102");
  });
});

describe("formats and inputs", () => {
  it("3.0 is decimal, 3.1+ Base64", () => {
    expect(signatureFormatForVersion("3.0")).toBe("decimal");
    for (const v of ["3.1", "3.2", "3.3"] as const) expect(signatureFormatForVersion(v)).toBe("base64");
    expectPowerAuthError(() => signatureFormatForVersion("2.1" as never), "INVALID_VERSION");
  });

  it("decimal zero-pads and honours the component length", () => {
    const component = Buffer.alloc(32);
    component.writeUInt32BE(0x80000007, 28); // the top bit is masked off: 7
    expect(formatSignature([component, component], "decimal")).toBe("00000007-00000007");
    expect(formatSignature([component], "decimal", 4)).toBe("0007");
    expectPowerAuthError(() => formatSignature([component], "decimal", 3), "INVALID_FORMAT");
    expectPowerAuthError(() => formatSignature([component], "decimal", 9), "INVALID_FORMAT");
  });

  it("rejects missing or malformed keys and CTR_DATA", () => {
    const base = { type: "possession_knowledge" as SignatureType, ctrData: Buffer.alloc(16), data: Buffer.alloc(1), format: "base64" as const };
    expectPowerAuthError(() => computeSignature({ ...base, keys: { possession: Buffer.alloc(16) } }), "INVALID_KEY");
    expectPowerAuthError(
      () => computeSignature({ ...base, keys: { possession: Buffer.alloc(16), knowledge: Buffer.alloc(8) } }),
      "INVALID_KEY",
    );
    expectPowerAuthError(
      () => computeSignature({ ...base, ctrData: Buffer.alloc(8), keys: { possession: Buffer.alloc(16), knowledge: Buffer.alloc(16) } }),
      "INVALID_LENGTH",
    );
  });

  it("parses types case-insensitively and rejects unknown ones", () => {
    expect(parseSignatureType("POSSESSION_Knowledge")).toBe("possession_knowledge");
    expectPowerAuthError(() => parseSignatureType("knowledge_possession"), "INVALID_SIGNATURE_TYPE");
  });
});

describe("verification with look-ahead (§10.5) against the vectors", () => {
  // The file holds chains of 30 entries (0–29, 30–59, …) whose CTR_DATA advance one step per entry,
  // so a server that stored entry 0's CTR_DATA must accept entry k's signature at look-ahead index k.
  const vectors = load("powerauth-crypto/test-vectors/signatures-v31.json");

  it("finds a signature k steps ahead, reports step k and persists next(cand)", () => {
    const start = vectors[0]!;
    for (const k of [0, 1, 5, 10, 19]) {
      const target = vectors[k]!;
      expect(target.input.signaturePossessionKey).toBe(start.input.signaturePossessionKey);
      const result = verifySignature({
        keys: keysOf(target),
        ctrData: b64(start.input.counterData!),
        counter: 100,
        signatureType: parseSignatureType(target.input.signatureType),
        format: "base64",
        data: b64(target.input.data),
        signature: target.output.signature,
        failedAttempts: 0,
      });
      expect(result.valid).toBe(true);
      expect(result.matchedStep).toBe(k);
      expect(result.counter).toBe(100 + k + 1);
      expect(result.ctrData.equals(nextCtrData(b64(target.input.counterData!)))).toBe(true);
    }
  });

  it("a signature 20 steps ahead is outside the default window", () => {
    const start = vectors[0]!;
    const target = vectors[20]!;
    expect(target.input.signaturePossessionKey).toBe(start.input.signaturePossessionKey);
    const input = {
      keys: keysOf(target),
      ctrData: b64(start.input.counterData!),
      counter: 0,
      signatureType: parseSignatureType(target.input.signatureType),
      format: "base64" as const,
      data: b64(target.input.data),
      signature: target.output.signature,
      failedAttempts: 0,
    };
    expect(verifySignature(input)).toMatchObject({ valid: false, reason: "SIGNATURE_MISMATCH", matchedStep: null });
    expect(verifySignature({ ...input, diagnosticSteps: 5 })).toMatchObject({
      valid: false,
      reason: "COUNTER_OUT_OF_WINDOW",
      matchedStep: 20,
      counter: 0,
    });
    expect(verifySignature({ ...input, lookAhead: 21 })).toMatchObject({ valid: true, matchedStep: 20 });
  });
});

describe("verification results carry the §10.6 decision", () => {
  const keys = { possession: Buffer.alloc(16, 1), knowledge: Buffer.alloc(16, 2), biometry: Buffer.alloc(16, 3) };
  const ctrData = Buffer.alloc(16, 9);
  const data = Buffer.from("data");
  const sign = (type: SignatureType, ctr = ctrData) => computeSignature({ keys, type, ctrData: ctr, data, format: "base64" });
  const verify = (type: SignatureType, signature: string, failedAttempts: number, maxFailedAttempts = 5) =>
    verifySignature({ keys, ctrData, counter: 3, signatureType: type, format: "base64", data, signature, failedAttempts, maxFailedAttempts });

  it("a possession failure is not counted; a knowledge failure is", () => {
    const wrong = sign("possession", Buffer.alloc(16, 1));
    expect(verify("possession", wrong, 2)).toMatchObject({ valid: false, failedAttempts: 2, failureCounted: false, blockActivation: false, remainingAttempts: 3 });
    const wrong2 = sign("possession_knowledge", Buffer.alloc(16, 1));
    expect(verify("possession_knowledge", wrong2, 2)).toMatchObject({ valid: false, failedAttempts: 3, failureCounted: true, remainingAttempts: 2 });
  });

  it("the failure that reaches the maximum blocks with MAX_FAILED_ATTEMPTS", () => {
    const wrong = sign("possession_knowledge", Buffer.alloc(16, 1));
    expect(verify("possession_knowledge", wrong, 4)).toMatchObject({
      valid: false,
      failedAttempts: 5,
      blockActivation: true,
      blockedReason: "MAX_FAILED_ATTEMPTS",
      remainingAttempts: 0,
      ctrData,
      counter: 3,
    });
  });

  it("an activation already at its limit is blocked without verifying (§10.5 step 4)", () => {
    expect(verify("possession_knowledge", sign("possession_knowledge"), 5)).toMatchObject({
      valid: false,
      reason: "MAX_FAILED_ATTEMPTS",
      failureCounted: false,
      blockActivation: true,
    });
  });

  it("success resets failures except for possession", () => {
    expect(verify("possession_knowledge", sign("possession_knowledge"), 3)).toMatchObject({ valid: true, failedAttempts: 0, failedAttemptsReset: true, remainingAttempts: 5 });
    expect(verify("possession", sign("possession"), 3)).toMatchObject({ valid: true, failedAttempts: 3, failedAttemptsReset: false, remainingAttempts: 2 });
  });

  it("a signature of the wrong type or format never matches", () => {
    expect(verify("possession_knowledge", sign("possession_biometry"), 0).valid).toBe(false);
    const decimal = computeSignature({ keys, type: "possession", ctrData, data, format: "decimal" });
    expect(verify("possession", decimal, 0).valid).toBe(false);
  });

  it("validates its numeric inputs", () => {
    const base = { keys, ctrData, counter: 0, candidates: [{ type: "possession" as const, data }], format: "base64" as const, signature: "x", failedAttempts: 0 };
    expectPowerAuthError(() => verifySignatureCandidates({ ...base, lookAhead: 0 }), "INVALID_FORMAT");
    expectPowerAuthError(() => verifySignatureCandidates({ ...base, counter: -1 }), "INVALID_FORMAT");
    expectPowerAuthError(() => verifySignatureCandidates({ ...base, candidates: [] }), "INVALID_FORMAT");
    expect(() => verifySignatureCandidates({ ...base, keys: {} })).toThrow(PowerAuthError);
  });
});
