import { describe, expect, it } from "vitest";

import type { ProtocolVersion } from "../core/protocol-version";
import { expectPowerAuthError } from "../testing/test-helpers";
import { generateToken, parseTokenHeader, tokenCreateResponse, verifyToken } from "../token/token";
import { buildDeviceTokenHeader, deviceTokenFromResponse } from "./use-token";

const NOW = 1_700_000_000_000;

describe("device tokens (§11)", () => {
  it.each(["3.0", "3.1", "3.2", "3.3"] as ProtocolVersion[])("server-created token verifies for %s", (version) => {
    const created = generateToken();
    const token = deviceTokenFromResponse(JSON.parse(JSON.stringify(tokenCreateResponse(created))));
    for (let i = 0; i < 5; i++) {
      const { headerName, headerValue } = buildDeviceTokenHeader({ version }, token, { nowMs: NOW + i * 1000 });
      expect(headerName).toBe("X-PowerAuth-Token");
      const header = parseTokenHeader(headerValue);
      expect(header).toMatchObject({ version, tokenId: created.tokenId, timestamp: NOW + i * 1000 });
      expect(verifyToken(header, created.tokenSecret, { now: NOW }).valid).toBe(true);
      // A server clock more than 2 h ahead rejects it.
      expect(verifyToken(header, created.tokenSecret, { now: NOW + i * 1000 + 7_200_001 }).reason).toBe("TIMESTAMP_EXPIRED");
    }
  });

  it("validates the decrypted token-create response", () => {
    expectPowerAuthError(() => deviceTokenFromResponse(null), "INVALID_FORMAT");
    expectPowerAuthError(() => deviceTokenFromResponse({ tokenId: "x", tokenSecret: "AAAAAAAAAAAAAAAAAAAAAA==" }), "INVALID_FORMAT");
    expectPowerAuthError(
      () => deviceTokenFromResponse({ tokenId: "d6561669-34d6-4fee-8913-89477687a5cb", tokenSecret: "AAAA" }),
      "INVALID_LENGTH",
    );
  });
});
