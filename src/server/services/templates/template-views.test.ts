import { describe, expect, it } from "vitest";

import { escapeOperationDataText } from "@/powerauth/server";
import { ZTemplateImport, ZTemplateInput } from "@/schemas/templates";

import { placeholdersOf, substitute, templateParameters } from "./template-views";

describe("template placeholders", () => {
  it("finds each ${name} once, in order", () => {
    expect(placeholdersOf("A1*A${amount}${currency}*I${iban}*N${amount}")).toEqual(["amount", "currency", "iban"]);
    expect(placeholdersOf("no placeholders, $amount, ${}, ${a b}")).toEqual([]);
    expect(templateParameters({ dataTemplate: "A1*A${amount}", texts: { en: { title: "${who}", message: "${amount}" } } })).toEqual(["amount", "who"]);
  });

  it("substitutes given values (escaped for the operation data) and leaves unknown ones", () => {
    expect(substitute("A1*A${amount}EUR*N${note}", { amount: "10", note: "a*b\\c\nd" }, escapeOperationDataText)).toBe("A1*A10EUR*Na\\*b\\\\c\\nd");
    expect(substitute("${x}${y}", { x: "1" })).toBe("1${y}");
    expect(substitute("${constructor}", {})).toBe("${constructor}");
  });
});

describe("the template contract", () => {
  it("defaults everything but name, operationType and dataTemplate", () => {
    expect(ZTemplateInput.parse({ name: "login", operationType: "login", dataTemplate: "A2" })).toEqual({
      name: "login",
      operationType: "login",
      dataTemplate: "A2",
      signatureTypes: ["possession_knowledge", "possession_biometry"],
      expirationSeconds: 300,
      maxFailureCount: 5,
      proximityCheck: false,
      riskFlags: "",
      texts: { en: expect.objectContaining({ title: expect.any(String), attributes: [] }) },
    });
  });

  it("refuses what cannot be served: bad names, unknown types and flags, control characters, empty imports", () => {
    const result = ZTemplateInput.safeParse({
      name: "has space",
      operationType: "login",
      dataTemplate: "A2\u0007",
      signatureTypes: ["knowledge"],
      riskFlags: "B",
      expirationSeconds: 0,
      texts: { english: { title: "t", message: "m" }, en: { title: "t", message: "m", attributes: [{ type: "AMOUNT", id: "a", label: "A" }] } },
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "dataTemplate", "signatureTypes.0", "riskFlags", "expirationSeconds", "texts.english", "texts.en.attributes.0.amount"]));
    expect(ZTemplateImport.safeParse([]).success).toBe(false);
    expect(ZTemplateInput.parse({ name: "x", operationType: "x", dataTemplate: "A2", riskFlags: "XXC", signatureTypes: ["possession", "possession"] })).toMatchObject({ riskFlags: "XC", signatureTypes: ["possession"] });
  });
});
