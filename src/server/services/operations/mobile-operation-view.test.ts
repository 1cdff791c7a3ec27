import { describe, expect, it } from "vitest";

import { ZTemplateInput } from "@/schemas/templates";

import { offlineFlagsOf } from "./create-offline-qr";
import { acceptedLanguages, allowedSignatureTypeOf, mobileTimestamp, pickTexts, renderAttribute, toMobileOperation } from "./mobile-operation-view";
import { effectiveStatus, toCloudOperation, type OperationRow } from "./operation-views";

const texts = ZTemplateInput.parse({
  name: "t",
  operationType: "authorize_payment",
  dataTemplate: "A1*A${amount}${currency}",
  texts: {
    en: { title: "Pay ${amount}", message: "Confirm", attributes: [{ type: "AMOUNT", id: "a", label: "Amount", amount: "${amount}", currency: "${currency}" }] },
    cs: { title: "Zaplatit ${amount}", message: "Potvrdit", resultTexts: { success: "Hotovo ${amount}" } },
    "en-GB": { title: "Pay (GB)", message: "Confirm" },
  },
}).texts;

const row = (overrides: Partial<OperationRow> = {}): OperationRow => ({
  id: "7e0ba60f-bf22-4ff5-b999-2733784e5eaa",
  applicationId: "APP",
  userId: "user",
  templateId: "00000000-0000-4000-8000-000000000000",
  templateName: "payment",
  operationType: "authorize_payment",
  data: "A1*A100EUR",
  parameters: { amount: "100", currency: "EUR" },
  language: "en",
  externalId: null,
  activationFlag: null,
  status: "PENDING",
  statusReason: null,
  signatureTypes: ["possession_knowledge", "possession_biometry"],
  riskFlags: "",
  failureCount: 0,
  maxFailureCount: 5,
  additionalData: {},
  createdAt: new Date("2018-07-02T14:43:13.123Z"),
  expiresAt: new Date("2999-07-02T14:48:13.000Z"),
  finishedAt: null,
  ...overrides,
});

describe("the Mobile Token operation object", () => {
  it("orders Accept-Language by quality and ignores junk", () => {
    expect(acceptedLanguages("cs-CZ,cs;q=0.9,en;q=0.8")).toEqual(["cs-CZ", "cs", "en"]);
    expect(acceptedLanguages("en;q=0.1, de;q=0.5, fr")).toEqual(["fr", "de", "en"]);
    expect(acceptedLanguages("*, ;;;, x;q=0")).toEqual([]);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });

  it("picks the exact language, then its primary tag, then the operation's, then English, then the first", () => {
    expect(pickTexts(texts, "en-GB", "en").title).toBe("Pay (GB)");
    expect(pickTexts(texts, "cs-CZ", "en").title).toBe("Zaplatit ${amount}");
    expect(pickTexts(texts, "de", "cs").title).toBe("Zaplatit ${amount}");
    expect(pickTexts(texts, "de", "de").title).toBe("Pay ${amount}");
    expect(pickTexts({ sk: { title: "SK", message: "m", attributes: [], resultTexts: undefined } }, "de", "de").title).toBe("SK");
  });

  it("renders amounts as numbers with formatted texts, and keeps other attributes' fields", () => {
    expect(renderAttribute({ type: "AMOUNT", id: "a", label: "Amount", amount: "${amount}", currency: "${currency}", amountFormatted: undefined, currencyFormatted: "€" }, { amount: "2199.40", currency: "EUR" })).toEqual({
      type: "AMOUNT",
      id: "a",
      label: "Amount",
      amount: 2199.4,
      currency: "EUR",
      amountFormatted: "2199.40",
      currencyFormatted: "€",
    });
    expect(renderAttribute({ type: "AMOUNT", id: "a", label: "A", amount: "${amount}", currency: "X", amountFormatted: undefined, currencyFormatted: undefined }, { amount: "lots" })).toMatchObject({ amount: null, amountFormatted: "lots" });
    expect(renderAttribute({ type: "NOTE", id: "n", label: "Note", note: "For ${who}" }, { who: "Bob" })).toEqual({ type: "NOTE", id: "n", label: "Note", note: "For Bob" });
  });

  it("builds the documented object, with 1FA/2FA, the ui flags and the documented date format", () => {
    const operation = toMobileOperation(row({ riskFlags: "XC" }), texts, "cs");
    expect(operation).toEqual({
      id: "7e0ba60f-bf22-4ff5-b999-2733784e5eaa",
      name: "authorize_payment",
      data: "A1*A100EUR",
      status: "PENDING",
      operationCreated: "2018-07-02T14:43:13+0000",
      operationExpires: "2999-07-02T14:48:13+0000",
      allowedSignatureType: { type: "2FA", variants: ["possession_knowledge", "possession_biometry"] },
      formData: { title: "Zaplatit 100", message: "Potvrdit", resultTexts: { success: "Hotovo 100" }, attributes: [] },
      ui: { flipButtons: true, blockApprovalOnCall: true },
    });
    expect(allowedSignatureTypeOf(["possession", "possession_knowledge"])).toEqual({ type: "1FA", variants: ["possession"] });
    expect(mobileTimestamp(new Date(0))).toBe("1970-01-01T00:00:00+0000");
  });

  it("reports a pending operation past its expiry as EXPIRED, and leaves finished ones alone", () => {
    const past = new Date(Date.now() - 1000);
    expect(effectiveStatus(row({ expiresAt: past }))).toBe("EXPIRED");
    expect(effectiveStatus(row({ expiresAt: past, status: "APPROVED" }))).toBe("APPROVED");
    expect(toMobileOperation(row({ expiresAt: past }), texts, null).status).toBe("EXPIRED");
  });

  it("gives the Cloud shapes: externalId on create, additionalData on status, no absent optionals", () => {
    const created = toCloudOperation(row({ externalId: "TX", activationFlag: "F" }), "create");
    expect(created).toMatchObject({ externalId: "TX", flag: "F", template: "payment", timestampCreated: 1530542593123 });
    expect(created).not.toHaveProperty("additionalData");
    const status = toCloudOperation(row({ additionalData: { activationId: "r" } }), "status");
    expect(status).toMatchObject({ additionalData: { activationId: "r" } });
    expect(status).not.toHaveProperty("externalId");
    expect(status).not.toHaveProperty("flag");
  });

  it("puts B into the offline flags when biometry may approve, then the risk flags", () => {
    expect(offlineFlagsOf({ signatureTypes: ["possession_knowledge", "possession_biometry"], riskFlags: "XF" })).toBe("BXF");
    expect(offlineFlagsOf({ signatureTypes: ["possession_knowledge"], riskFlags: "" })).toBe("");
  });
});
