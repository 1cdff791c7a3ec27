import { describe, expect, it } from "vitest";

import { formatTable, measure, runBench } from "./protocol-bench";

describe("protocol benchmark (quick mode smoke test)", () => {
  it("passes every validity check and measures every row with positive finite numbers", () => {
    const result = runBench({ quick: true });

    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    // 6 signature rows, token, 2 ECIES decrypts, ECIES encrypt, activation, offline OTP
    expect(result.rows).toHaveLength(12);
    for (const row of result.rows) {
      for (const value of [row.medianUs, row.p95Us, row.opsPerSec, row.baselineMedianUs, row.ratio, row.calls]) {
        expect(Number.isFinite(value) && value > 0, `${row.operation}: ${value}`).toBe(true);
      }
      expect(row.p95Us).toBeGreaterThanOrEqual(row.medianUs);
    }
    const table = formatTable(result);
    for (const row of result.rows) expect(table).toContain(row.operation);
    expect(table).toContain("only the ratios are comparable");
  }, 20_000);

  it("measure() times a function and reports per-call numbers", () => {
    const m = measure(() => Math.sqrt(Math.random()), 5);
    expect(m.calls).toBeGreaterThan(0);
    expect(m.medianUs).toBeGreaterThan(0);
    expect(m.opsPerSec).toBeGreaterThan(0);
  });
});
