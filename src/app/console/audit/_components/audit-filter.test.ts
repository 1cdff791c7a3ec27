import { describe, expect, it } from "vitest";

import { isoToLocalInput, localInputToIso, readUrlState, toSearch } from "./audit-filter";

describe("audit log address", () => {
  it("reads filters and a cursor, and writes them back in a fixed order", () => {
    const { state, ignored } = readUrlState(new URLSearchParams("before=120&applicationId=APP&action=staff.*&unknown=1&actor="));
    expect(ignored).toEqual([]);
    expect(state).toEqual({ filter: { action: "staff.*", applicationId: "APP" }, before: "120", after: undefined });
    expect(toSearch(state)).toBe("action=staff.*&applicationId=APP&before=120");
  });

  it("leaves out and names what the server would refuse", () => {
    const { state, ignored } = readUrlState(new URLSearchParams("action=drop table&from=yesterday&after=99999999999999999999&targetType=staff"));
    expect(state.filter).toEqual({ targetType: "staff" });
    expect(state.after).toBeUndefined();
    expect(ignored).toEqual(["action", "from", "after"]);
    expect(readUrlState(new URLSearchParams("before=not-a-number")).ignored).toEqual(["before"]);
  });

  it("converts between ISO instants and datetime-local values, the end of a range including its minute", () => {
    const from = localInputToIso("2026-12-02T10:30", false)!;
    const to = localInputToIso("2026-12-02T10:30", true)!;
    expect(new Date(to).getTime() - new Date(from).getTime()).toBe(59_999);
    expect(isoToLocalInput(from)).toBe("2026-12-02T10:30");
    expect(isoToLocalInput(to)).toBe("2026-12-02T10:30");
    expect(localInputToIso("2026-12-02", false)).toBeUndefined();
    expect(isoToLocalInput("nonsense")).toBe("");
  });
});
