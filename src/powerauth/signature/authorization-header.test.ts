import { describe, expect, it } from "vitest";

import { expectPowerAuthError } from "../testing/test-helpers";
import { buildAuthorizationHeader, parseAuthorizationHeader } from "./authorization-header";

const ACTIVATION_ID = "7a24c6e9-48e9-43c2-ab4a-aed6270e924d";
const APP_KEY = "w4+hAeogFLTZjcSjPwbG2g==";
const NONCE = "AAECAwQFBgcICQoLDA0ODw==";
const SIG_B64 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes

const header = (fields: Record<string, string>) =>
  `PowerAuth ${Object.entries(fields).map(([k, v]) => `${k}="${v}"`).join(", ")}`;
const VALID = {
  pa_version: "3.3",
  pa_activation_id: ACTIVATION_ID,
  pa_application_key: APP_KEY,
  pa_nonce: NONCE,
  pa_signature_type: "possession_knowledge",
  pa_signature: SIG_B64,
};

describe("X-PowerAuth-Authorization parsing (§10.4)", () => {
  it("parses the SDK form", () => {
    const parsed = parseAuthorizationHeader(header(VALID));
    expect(parsed).toMatchObject({
      version: "3.3",
      activationId: ACTIVATION_ID,
      applicationKey: APP_KEY,
      signatureType: "possession_knowledge",
      signature: SIG_B64,
    });
    expect(parsed.nonce.toString("hex")).toBe("000102030405060708090a0b0c0d0e0f");
  });

  it("tolerates any order, spacing, bare values and unknown fields; types are case-insensitive", () => {
    const text = `PowerAuth  pa_signature=${SIG_B64},pa_signature_type = "POSSESSION",pa_nonce="${NONCE}" ,  pa_application_key="${APP_KEY}", x_extra="1", pa_activation_id="${ACTIVATION_ID.toUpperCase()}", pa_version="3.0"`;
    expect(parseAuthorizationHeader(text)).toMatchObject({ version: "3.0", signatureType: "possession", activationId: ACTIVATION_ID.toUpperCase() });
  });

  it("accepts decimal signatures of 1–3 components and Base64 of 16/32/48 bytes", () => {
    for (const signature of ["12345678", "12345678-87654321", "12345678-87654321-00000000", "AAAAAAAAAAAAAAAAAAAAAA==", SIG_B64, "A".repeat(64)]) {
      expect(parseAuthorizationHeader(header({ ...VALID, pa_signature: signature })).signature).toBe(signature);
    }
  });

  it.each([
    ["prefix", "Basic abc", "INVALID_HEADER"],
    ["missing field", header({ ...VALID, pa_nonce: "" }), "INVALID_HEADER"],
    ["duplicate field", `${header(VALID)}, pa_version="3.2"`, "INVALID_HEADER"],
    ["version", header({ ...VALID, pa_version: "3.4" }), "INVALID_VERSION"],
    ["activation id", header({ ...VALID, pa_activation_id: "7a24c6e9-48e9-63c2-ab4a-aed6270e924d" }), "INVALID_HEADER"],
    ["activation id variant", header({ ...VALID, pa_activation_id: "7a24c6e9-48e9-43c2-cb4a-aed6270e924d" }), "INVALID_HEADER"],
    ["application key length", header({ ...VALID, pa_application_key: "AAAA" }), "INVALID_HEADER"],
    ["application key base64", header({ ...VALID, pa_application_key: "w4+hAeogFLTZjcSjPwbG2g=!" }), "INVALID_HEADER"],
    ["nonce length", header({ ...VALID, pa_nonce: "AAECAwQFBgcICQoLDA0O" }), "INVALID_HEADER"],
    ["signature type", header({ ...VALID, pa_signature_type: "knowledge_biometry" }), "INVALID_SIGNATURE_TYPE"],
    ["signature digits", header({ ...VALID, pa_signature: "1234567" }), "INVALID_HEADER"],
    ["signature 4 components", header({ ...VALID, pa_signature: "12345678-12345678-12345678-12345678" }), "INVALID_HEADER"],
    ["signature base64 length", header({ ...VALID, pa_signature: "AAAAAAAAAAAAAAAAAAAA" }), "INVALID_HEADER"],
    ["signature base64 chars", header({ ...VALID, pa_signature: "AAAAAAAAAAAAAAAAAAAAA#==" }), "INVALID_HEADER"],
    ["too long", `PowerAuth x="${"a".repeat(5000)}"`, "INVALID_HEADER"],
  ] as const)("rejects a bad %s", (_name, value, code) => {
    expectPowerAuthError(() => parseAuthorizationHeader(value), code);
  });

  it("names the bad field in the message", () => {
    const error = expectPowerAuthError(() => parseAuthorizationHeader(header({ ...VALID, pa_nonce: "AAAA" })), "INVALID_HEADER");
    expect(error.message).toContain("pa_nonce");
    const missing = expectPowerAuthError(() => parseAuthorizationHeader(header({ ...VALID, pa_signature: "" })), "INVALID_HEADER");
    expect(missing.message).toContain("pa_signature");
  });
});

describe("X-PowerAuth-Authorization building", () => {
  it("writes the SDK order and round-trips", () => {
    const value = buildAuthorizationHeader({
      version: "3.3",
      activationId: ACTIVATION_ID,
      applicationKey: APP_KEY,
      nonce: Buffer.from(NONCE, "base64"),
      signatureType: "possession_knowledge",
      signature: SIG_B64,
    });
    expect(value).toBe(header(VALID));
  });

  it("refuses to build a header the server would reject", () => {
    expectPowerAuthError(
      () => buildAuthorizationHeader({ version: "3.3", activationId: "nope", applicationKey: APP_KEY, nonce: NONCE, signatureType: "possession", signature: "12345678" }),
      "INVALID_HEADER",
    );
  });
});
