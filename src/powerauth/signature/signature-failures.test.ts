import { describe, expect, it } from "vitest";

import { decideFailure, decideSuccess } from "./signature-failures";

describe("failure counting (§10.6)", () => {
  it("possession failures do not count, others do, and the limit blocks", () => {
    expect(decideFailure("possession", 4, 5)).toEqual({
      failedAttempts: 4,
      failureCounted: false,
      failedAttemptsReset: false,
      blockActivation: false,
      blockedReason: null,
      remainingAttempts: 1,
    });
    expect(decideFailure("knowledge", 3, 5)).toMatchObject({ failedAttempts: 4, failureCounted: true, blockActivation: false, remainingAttempts: 1 });
    expect(decideFailure("possession_knowledge_biometry", 4, 5)).toMatchObject({
      failedAttempts: 5,
      blockActivation: true,
      blockedReason: "MAX_FAILED_ATTEMPTS",
      remainingAttempts: 0,
    });
  });

  it("an uncounted check of an activation already at its limit still blocks", () => {
    expect(decideFailure("possession_knowledge", 5, 5, false)).toMatchObject({ failedAttempts: 5, failureCounted: false, blockActivation: true });
    expect(decideFailure("possession", 7, 5)).toMatchObject({ failedAttempts: 7, blockActivation: true, remainingAttempts: 0 });
  });

  it("successes reset the count except for possession", () => {
    expect(decideSuccess("possession_biometry", 3, 5)).toMatchObject({ failedAttempts: 0, failedAttemptsReset: true, remainingAttempts: 5 });
    expect(decideSuccess("possession", 3, 5)).toMatchObject({ failedAttempts: 3, failedAttemptsReset: false, remainingAttempts: 2 });
  });
});
