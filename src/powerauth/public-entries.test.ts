/**
 * The two public entries (`server.ts`, `device.ts`) load at run time and keep to their side:
 * a service cannot pick a device-side function from `@/powerauth/server`, nor a simulator a
 * server-side one from `@/powerauth/device`.
 */
import { describe, expect, it } from "vitest";

import * as device from "./device";
import * as server from "./server";

describe("public entries", () => {
  it("export only defined values", () => {
    for (const entry of [server, device]) {
      for (const [name, value] of Object.entries(entry)) expect(value, name).toBeDefined();
    }
  });

  it("server.ts holds no client or device function", () => {
    const names = Object.keys(server);
    expect(names.filter((name) => name.startsWith("client"))).toEqual([]);
    for (const name of ["signRequest", "createActivationRequest", "finishActivation", "computeOfflineOtpFromQr"]) {
      expect(names).not.toContain(name);
    }
    expect(names).toEqual(expect.arrayContaining(["serverDecryptEciesRequest", "serverEncryptEciesResponse", "verifySignature"]));
  });

  it("device.ts holds no server function", () => {
    const names = Object.keys(device);
    expect(names.filter((name) => name.startsWith("server"))).toEqual([]);
    for (const name of ["verifySignature", "verifyToken", "verifyOfflineOtp", "issueTemporaryKey", "encryptStatusBlob"]) {
      expect(names).not.toContain(name);
    }
    expect(names).toEqual(expect.arrayContaining(["clientDecryptEciesResponse", "signRequest", "createActivationRequest"]));
  });
});
