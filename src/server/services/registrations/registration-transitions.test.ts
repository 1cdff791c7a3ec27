import { describe, expect, it } from "vitest";

import { allowedChanges, applyChange } from "./registration-transitions";

describe("registration transitions", () => {
  it("allows exactly the documented changes", () => {
    expect(allowedChanges("CREATED")).toEqual(["REMOVE"]);
    expect(allowedChanges("PENDING_COMMIT")).toEqual(["REMOVE"]);
    expect(allowedChanges("ACTIVE")).toEqual(["BLOCK", "REMOVE"]);
    expect(allowedChanges("BLOCKED")).toEqual(["UNBLOCK", "REMOVE"]);
    expect(allowedChanges("REMOVED")).toEqual([]);
    expect(applyChange("ACTIVE", "BLOCK")).toBe("BLOCKED");
    expect(applyChange("BLOCKED", "UNBLOCK")).toBe("ACTIVE");
    expect(applyChange("CREATED", "REMOVE")).toBe("REMOVED");
  });

  it("refuses the others with the documented code and message", () => {
    expect(() => applyChange("BLOCKED", "BLOCK")).toThrow(expect.objectContaining({ code: "ERROR_REGISTRATION_CHANGE", message: "Activation is BLOCKED, you can only UNBLOCK or REMOVE it." }));
    expect(() => applyChange("ACTIVE", "UNBLOCK")).toThrow(expect.objectContaining({ message: "Activation is ACTIVE, you can only BLOCK or REMOVE it." }));
    expect(() => applyChange("CREATED", "BLOCK")).toThrow(expect.objectContaining({ code: "ERROR_REGISTRATION_CHANGE" }));
    expect(() => applyChange("REMOVED", "REMOVE")).toThrow(expect.objectContaining({ message: "Activation is REMOVED; it cannot be changed." }));
  });
});
