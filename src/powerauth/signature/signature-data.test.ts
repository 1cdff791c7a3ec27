import { describe, expect, it } from "vitest";

import { expectPowerAuthError } from "../testing/test-helpers";
import {
  allowedSignatureTypes,
  canonicalQueryFromParams,
  canonicalQueryString,
  normalizedRequestData,
  OFFLINE_SECRET,
  onlineSignatureData,
  SIGNED_ENDPOINTS,
  signatureData,
  signedEndpointByPath,
  signedEndpointByUriId,
} from "./signature-data";
import { requireSignatureTypeAllowed } from "./signature-type";

const NONCE = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");

describe("normalised data (§10.1)", () => {
  it("matches the §18 literal example", () => {
    const requestData = normalizedRequestData({ method: "POST", uriId: "/pa/signature/validate", nonce: NONCE, body: "{}" });
    expect(requestData).toBe("POST&L3BhL3NpZ25hdHVyZS92YWxpZGF0ZQ==&AAECAwQFBgcICQoLDA0ODw==&e30=");
    const secret = "Szls/7JWbKN+FAOijHcsPA==";
    expect(onlineSignatureData({ method: "post", uriId: "/pa/signature/validate", nonce: NONCE, body: Buffer.from("{}"), applicationSecret: secret }).toString()).toBe(
      `POST&L3BhL3NpZ25hdHVyZS92YWxpZGF0ZQ==&AAECAwQFBgcICQoLDA0ODw==&e30=&${secret}`,
    );
  });

  it("an empty body leaves an empty last field; offline data ends with 'offline'", () => {
    const requestData = normalizedRequestData({ method: "GET", uriId: "/x", nonce: NONCE, body: "" });
    expect(requestData).toBe("GET&L3g=&AAECAwQFBgcICQoLDA0ODw==&");
    expect(signatureData(requestData, OFFLINE_SECRET).toString()).toBe(`${requestData}&offline`);
  });

  it("rejects bad methods, empty URI ids and nonces that are not 16 bytes", () => {
    expectPowerAuthError(() => normalizedRequestData({ method: "PO ST", uriId: "/x", nonce: NONCE, body: "" }), "INVALID_FORMAT");
    expectPowerAuthError(() => normalizedRequestData({ method: "POST", uriId: "", nonce: NONCE, body: "" }), "INVALID_FORMAT");
    expectPowerAuthError(() => normalizedRequestData({ method: "POST", uriId: "/x", nonce: Buffer.alloc(15), body: "" }), "INVALID_LENGTH");
  });
});

describe("canonical query string (§10.1 steps 1–5)", () => {
  it("sorts by key then value, in code-unit order", () => {
    expect(canonicalQueryString("b=2&a=1")).toBe("a=1&b=2");
    expect(canonicalQueryString("a=2&a=10&a=1")).toBe("a=1&a=10&a=2");
    expect(canonicalQueryString("b=1&B=1")).toBe("B=1&b=1");
  });

  it("decodes and re-encodes with form-urlencoded rules", () => {
    expect(canonicalQueryString("q=hello%20world&x=a*b~c.d-e_f")).toBe("q=hello+world&x=a*b%7Ec.d-e_f");
    expect(canonicalQueryString("name=%C5%BElu%C5%A5ou%C4%8Dk%C3%BD")).toBe("name=%C5%BElu%C5%A5ou%C4%8Dk%C3%BD");
    expect(canonicalQueryString("name=žluťoučký")).toBe("name=%C5%BElu%C5%A5ou%C4%8Dk%C3%BD");
    expect(canonicalQueryString("a=x%2fy")).toBe("a=x%2Fy");
  });

  it("decodes the whole string once, then each key and value again (reference behaviour)", () => {
    expect(canonicalQueryString("a=%252B")).toBe("a=%2B"); // %252B → %2B → +
    expect(canonicalQueryString("a=%2B")).toBe("a=+"); // %2B → + → space
    expect(canonicalQueryString("a=1%26b%3D2")).toBe("a=1&b=2"); // an encoded & splits after the first decoding
  });

  it("skips items without '=', keeps empty values, ignores a leading '?'", () => {
    expect(canonicalQueryString("flag&a=1&&")).toBe("a=1");
    expect(canonicalQueryString("?a=&b==c")).toBe("a=&b=%3Dc");
    expect(canonicalQueryString("")).toBe("");
    expect(canonicalQueryString(null)).toBe("");
  });

  it("rejects malformed percent escapes", () => {
    expectPowerAuthError(() => canonicalQueryString("a=%G1"), "INVALID_FORMAT");
    expectPowerAuthError(() => canonicalQueryString("a=%"), "INVALID_FORMAT");
    expectPowerAuthError(() => canonicalQueryString("a=%25G1"), "INVALID_FORMAT"); // malformed after the first decoding
  });

  it("builds the same form from a parameter map (device side)", () => {
    expect(canonicalQueryFromParams({ b: "2", a: ["1", "0"], c: "x y" })).toBe("a=0&a=1&b=2&c=x+y");
    expect(canonicalQueryFromParams([["z", "1"], ["y", "ž"]])).toBe("y=%C5%BE&z=1");
    const params = { id: "42", from: "2024-01-01", name: "Jan Novák" };
    const sent = new URLSearchParams(params).toString();
    expect(canonicalQueryString(sent)).toBe(canonicalQueryFromParams(params));
  });
});

describe("signed endpoints (§10.7)", () => {
  it("maps paths to URI ids and allowed types", () => {
    expect(SIGNED_ENDPOINTS.tokenCreate.uriId).toBe("/pa/token/create");
    expect(signedEndpointByPath("/pa/v3/activation/remove")?.uriId).toBe("/pa/activation/remove");
    expect(signedEndpointByUriId("/operation/cancel")?.allowedTypes).toEqual(["possession"]);
    expect(signedEndpointByUriId("/nope")).toBeUndefined();
    expect(SIGNED_ENDPOINTS.upgradeCommit.allowedTypes).toEqual(["possession"]);
  });

  it("vault unlock accepts possession_biometry only when enabled", () => {
    expect(allowedSignatureTypes(SIGNED_ENDPOINTS.vaultUnlock)).toEqual(["possession_knowledge"]);
    expect(allowedSignatureTypes(SIGNED_ENDPOINTS.vaultUnlock, true)).toEqual(["possession_knowledge", "possession_biometry"]);
  });

  it("rejects a type the endpoint does not allow", () => {
    requireSignatureTypeAllowed("possession_knowledge", SIGNED_ENDPOINTS.activationRemove.allowedTypes);
    expectPowerAuthError(
      () => requireSignatureTypeAllowed("possession", SIGNED_ENDPOINTS.activationRemove.allowedTypes),
      "SIGNATURE_TYPE_NOT_ALLOWED",
    );
    expectPowerAuthError(
      () => requireSignatureTypeAllowed("knowledge", SIGNED_ENDPOINTS.tokenCreate.allowedTypes),
      "SIGNATURE_TYPE_NOT_ALLOWED",
    );
  });
});
