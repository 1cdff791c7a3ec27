import { describe, expect, it } from "vitest";

import { DeviceApiError, parseFactors, signatureTypeOf } from "./device-client";

describe("device simulator helpers", () => {
  it("turns factors into signature types, in the protocol's order", () => {
    expect(signatureTypeOf(["knowledge", "possession"])).toBe("possession_knowledge");
    expect(signatureTypeOf(["biometry", "knowledge", "possession"])).toBe("possession_knowledge_biometry");
    expect(signatureTypeOf("possession_biometry")).toBe("possession_biometry");
    expect(parseFactors("possession, biometry")).toBe("possession_biometry");
    expect(parseFactors("possession")).toBe("possession");
    expect(() => parseFactors("possession,face")).toThrow(/Unknown factor/);
    expect(() => signatureTypeOf(["knowledge", "biometry"])).toThrow(/No signature type/);
    expect(() => parseFactors("everything")).toThrow(/Unknown signature type/);
  });

  it("names the envelope's code in its errors", () => {
    const error = new DeviceApiError(400, { status: "ERROR", responseObject: { code: "ERR_ACTIVATION", message: "POWER_AUTH_ACTIVATION_INVALID" } }, "/pa/v3/activation/create");
    expect(error.code).toBe("ERR_ACTIVATION");
    expect(error.message).toBe("/pa/v3/activation/create answered 400 ERR_ACTIVATION: POWER_AUTH_ACTIVATION_INVALID");
    expect(new DeviceApiError(502, "bad gateway", "/x").code).toBeUndefined();
  });
});
