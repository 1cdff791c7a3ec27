import { describe, expect, it } from "vitest";

import { expectPowerAuthError } from "../testing/test-helpers";
import { buildOperationData, escapeOperationDataText, parseOperationData, splitOperationData } from "./operation-data";

describe("OPERATION_DATA (§13.2)", () => {
  it("parses the documented payment example", () => {
    const parsed = parseOperationData("A1*A100CZK*ICZ2730300000001165254011*R/VS123456/SS/KS*D20180425");
    expect(parsed.templateId).toBe(1);
    expect(parsed.fields).toEqual([
      { type: "AMOUNT", amount: "100", currency: "CZK" },
      { type: "ACCOUNT", iban: "CZ2730300000001165254011", bic: null },
      { type: "REFERENCE", text: "/VS123456/SS/KS" },
      { type: "DATE", date: "20180425" },
    ]);
  });

  it("keeps empty fields in place and reads every prefix", () => {
    const parsed = parseOperationData("A0*A1492.50EUR*Q238400856/0300**NUtility Bill*X?");
    expect(parsed.fields.map((f) => f.type)).toEqual(["AMOUNT", "ANY_ACCOUNT", "EMPTY", "NOTE", "OTHER"]);
    expect(parseOperationData("A2*ICZ27,AIRACZPP*TRate 1EUR = 25,49CZK").fields).toEqual([
      { type: "ACCOUNT", iban: "CZ27", bic: "AIRACZPP" },
      { type: "TEXT", text: "Rate 1EUR = 25,49CZK" },
    ]);
  });

  it("handles escaped asterisks, backslashes and newlines", () => {
    expect(splitOperationData("A1*Na\\*b*Nc\\\\*Td")).toEqual(["A1", "Na\\*b", "Nc\\\\", "Td"]);
    const text = "a*b\\c\nd";
    const parsed = parseOperationData(`A1*N${escapeOperationDataText(text)}`);
    expect(parsed.fields).toEqual([{ type: "NOTE", text }]);
  });

  it.each([
    ["no header", ""],
    ["bad version", "B1*A1CZK"],
    ["template over 99", "A100"],
    ["bad amount", "A1*A1,5CZK"],
    ["bad currency", "A1*A100czk"],
    ["bad IBAN", "A1*Icz27"],
    ["bad date", "A1*D20180231"],
    ["too many fields", "A1*T1*T2*T3*T4*T5*T6"],
    ["newline", "A1*T1\nx"],
  ])("rejects %s", (_name, text) => {
    expectPowerAuthError(() => parseOperationData(text), "INVALID_FORMAT");
  });

  it("allows 6 fields when asked (Wultra's JS parser)", () => {
    expect(parseOperationData("A1*T1*T2*T3*T4*T5*T6", 6).fields).toHaveLength(6);
  });

  it("builds and validates", () => {
    expect(buildOperationData(1, ["A100CZK", "ICZ2730300000001165254011", "", "D20180425"])).toBe("A1*A100CZK*ICZ2730300000001165254011**D20180425");
    expectPowerAuthError(() => buildOperationData(100, []), "INVALID_FORMAT");
    expectPowerAuthError(() => buildOperationData(1, ["Axyz"]), "INVALID_FORMAT");
  });
});
