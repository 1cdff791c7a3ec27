import { describe, expect, it } from "vitest";

import { expectPowerAuthError, readVectorFile } from "../testing/test-helpers";
import { generateTotp, totpCandidates, totpForStep, totpStep, type TotpAlgorithm, verifyTotp } from "./totp";

/** RFC 6238 appendix rows: time (s), UTC, T (hex), TOTP, algorithm, seed (hex). */
const rows = readVectorFile("powerauth-crypto/totp/data.csv")
  .split("\n")
  .slice(1)
  .filter((line) => line.trim())
  .map((line) => {
    const [time, , step, otp, algorithm, seed] = line.split(",").map((cell) => cell.trim());
    return {
      timeMs: Number(time) * 1000,
      step: BigInt(`0x${step}`),
      otp: otp!,
      // Needed: without it the object literal widens the union to string.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      algorithm: (algorithm === "HmacSHA256" ? "SHA256" : "SHA512") as TotpAlgorithm,
      seed: Buffer.from(seed!, "hex"),
    };
  });

describe("TOTP (RFC 6238) against powerauth-crypto/totp/data.csv", () => {
  it("has SHA-256 and SHA-512 rows", () => {
    expect(rows.length).toBe(12);
    expect(new Set(rows.map((r) => r.algorithm))).toEqual(new Set(["SHA256", "SHA512"]));
  });

  it("computes T and the 8-digit value of every row", () => {
    for (const row of rows) {
      expect(totpStep(row.timeMs)).toBe(row.step);
      expect(generateTotp({ seed: row.seed, algorithm: row.algorithm, nowMs: row.timeMs })).toBe(row.otp);
      expect(totpForStep({ seed: row.seed, algorithm: row.algorithm }, row.step)).toBe(row.otp);
    }
  });
});

describe("TOTP verification with back steps", () => {
  const seed = Buffer.from("3132333435363738393031323334353637383930313233343536373839303132", "hex");
  const t0 = 1_111_111_109_000;

  it("lists the current value first, then older ones", () => {
    const candidates = totpCandidates({ seed, nowMs: t0, stepCount: 2 });
    expect(candidates[0]).toBe("68084774");
    expect(candidates).toEqual([0, 30_000, 60_000].map((back) => generateTotp({ seed, nowMs: t0 - back })));
  });

  it("accepts up to stepCount steps back and nothing newer or older", () => {
    const old = generateTotp({ seed, nowMs: t0 - 60_000 });
    expect(verifyTotp({ seed, nowMs: t0, stepCount: 2, otp: old })).toEqual({ valid: true, stepsBack: 2 });
    expect(verifyTotp({ seed, nowMs: t0, stepCount: 1, otp: old })).toEqual({ valid: false, stepsBack: null });
    expect(verifyTotp({ seed, nowMs: t0, stepCount: 5, otp: generateTotp({ seed, nowMs: t0 + 30_000 }) }).valid).toBe(false);
  });

  it("supports other lengths and step sizes", () => {
    const six = generateTotp({ seed, nowMs: t0, digits: 6, stepSeconds: 60 });
    // Same step, same 31-bit value: 6 digits are the last 6 of the 8-digit value.
    expect(six).toBe(generateTotp({ seed, nowMs: t0, digits: 8, stepSeconds: 60 }).slice(2));
    expect(verifyTotp({ seed, nowMs: t0 + 20_000, stepCount: 0, otp: six, digits: 6, stepSeconds: 60 }).valid).toBe(true);
    expect(verifyTotp({ seed, nowMs: t0 + 60_000, stepCount: 0, otp: six, digits: 6, stepSeconds: 60 }).valid).toBe(false);
  });

  it("rejects bad parameters", () => {
    expectPowerAuthError(() => generateTotp({ seed, nowMs: t0, digits: 3 }), "INVALID_FORMAT");
    expectPowerAuthError(() => generateTotp({ seed, nowMs: t0, stepSeconds: 0 }), "INVALID_FORMAT");
    expectPowerAuthError(() => generateTotp({ seed: Buffer.alloc(0), nowMs: t0 }), "INVALID_KEY");
    expectPowerAuthError(() => totpCandidates({ seed, nowMs: t0, stepCount: -1 }), "INVALID_FORMAT");
  });
});
