import { describe, expect, it } from "vitest";

import { toBase64 } from "../core/encoding";
import { compressPublicKey } from "../core/primitives";
import { b64, expectPowerAuthError, loadVectors } from "../testing/test-helpers";
import { computeActivationFingerprint, publicKeyCoordinateX } from "./activation-fingerprint";

type Vector = { input: Record<string, string>; output: Record<string, string> };

describe("activation fingerprint (§7.3)", () => {
  for (const file of ["powerauth-crypto/test-vectors/public-key-fingerprint-v3.json", "powerauth-mobile-sdk/pa2/public-key-fingerprint.json"]) {
    it(`matches ${file}`, () => {
      const { data } = loadVectors<{ data: Vector[] }>(file);
      expect(data.length).toBe(100);
      let shortX = 0;
      for (const { input, output } of data) {
        const device = b64(input.devicePublicKey!);
        const server = b64(input.serverPublicKey!);
        expect(toBase64(publicKeyCoordinateX(device))).toBe(output.devicePublicKeyCoordX);
        expect(toBase64(publicKeyCoordinateX(server))).toBe(output.serverPublicKeyCoordX);
        if (publicKeyCoordinateX(device).length < 32 || publicKeyCoordinateX(server).length < 32) shortX++;
        expect(computeActivationFingerprint(device, output.activationId!, server)).toBe(output.fingerprint);
        // The encoding of the key does not matter, only its X coordinate.
        expect(computeActivationFingerprint(compressPublicKey(device), output.activationId!, server)).toBe(output.fingerprint);
      }
      expect(shortX).toBe(1); // one item has a 31-byte X coordinate: the leading zero is dropped
    });
  }

  it("changes with the activation ID and refuses invalid points", () => {
    const { data } = loadVectors<{ data: Vector[] }>("powerauth-crypto/test-vectors/public-key-fingerprint-v3.json");
    const { input, output } = data[0]!;
    const device = b64(input.devicePublicKey!);
    const server = b64(input.serverPublicKey!);
    expect(computeActivationFingerprint(device, output.activationId!.toUpperCase(), server)).not.toBe(output.fingerprint);
    expect(computeActivationFingerprint(server, output.activationId!, device)).not.toBe(output.fingerprint);
    expectPowerAuthError(() => computeActivationFingerprint(Buffer.alloc(65, 4), output.activationId!, server), "INVALID_POINT");
  });
});
