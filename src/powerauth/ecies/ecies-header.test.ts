import { describe, expect, it } from "vitest";

import { expectPowerAuthError } from "../testing/test-helpers";
import { buildEncryptionHeader, parseEncryptionHeader } from "./ecies-header";

const KEY = "lceX5qe+O+Sb0t8TQqg35A==";
const ID = "036CC14B-E4F8-4B01-A825-5129832ACDDB";

describe("X-PowerAuth-Encryption header (§5.5)", () => {
  it("parses both scopes, fields in any order, and keeps the activation ID as sent", () => {
    expect(parseEncryptionHeader(`PowerAuth application_key="${KEY}", version="3.3"`, "application")).toEqual({
      applicationKey: KEY,
      version: "3.3",
    });
    expect(
      parseEncryptionHeader(`PowerAuth version="3.2",activation_id="${ID}",  application_key="${KEY}"`, "activation"),
    ).toEqual({ applicationKey: KEY, version: "3.2", activationId: ID });
    // unknown fields are ignored
    expect(parseEncryptionHeader(`PowerAuth application_key="${KEY}", version="3.0", x_extra="1"`, "application").version).toBe("3.0");
  });

  it("round-trips what the device builds", () => {
    const header = { applicationKey: KEY, version: "3.1" as const, activationId: ID };
    const text = buildEncryptionHeader(header);
    expect(text).toBe(`PowerAuth application_key="${KEY}", activation_id="${ID}", version="3.1"`);
    expect(parseEncryptionHeader(text, "activation")).toEqual(header);
  });

  it("rejects activation_id in application scope and requires it in activation scope", () => {
    expectPowerAuthError(
      () => parseEncryptionHeader(`PowerAuth application_key="${KEY}", activation_id="${ID}", version="3.3"`, "application"),
      "INVALID_HEADER",
    );
    expectPowerAuthError(() => parseEncryptionHeader(`PowerAuth application_key="${KEY}", version="3.3"`, "activation"), "INVALID_HEADER");
    expectPowerAuthError(
      () => parseEncryptionHeader(`PowerAuth application_key="${KEY}", activation_id="nope", version="3.3"`, "activation"),
      "INVALID_HEADER",
    );
  });

  it("rejects missing or malformed fields and versions", () => {
    expectPowerAuthError(() => parseEncryptionHeader(undefined, "application"), "INVALID_HEADER");
    expectPowerAuthError(() => parseEncryptionHeader(`Bearer application_key="${KEY}", version="3.3"`, "application"), "INVALID_HEADER");
    expectPowerAuthError(() => parseEncryptionHeader(`PowerAuth version="3.3"`, "application"), "INVALID_HEADER");
    expectPowerAuthError(() => parseEncryptionHeader(`PowerAuth application_key="${KEY}"`, "application"), "INVALID_HEADER");
    expectPowerAuthError(() => parseEncryptionHeader(`PowerAuth application_key="abc", version="3.3"`, "application"), "INVALID_HEADER");
    expectPowerAuthError(() => parseEncryptionHeader(`PowerAuth application_key="${KEY}", version="3.4"`, "application"), "INVALID_VERSION");
    expectPowerAuthError(
      () => parseEncryptionHeader(`PowerAuth application_key="${KEY}", version="3.3", version="3.2"`, "application"),
      "INVALID_HEADER",
    );
    expectPowerAuthError(() => parseEncryptionHeader(`PowerAuth application_key="${KEY}", version=""`, "application"), "INVALID_VERSION");
  });
});
