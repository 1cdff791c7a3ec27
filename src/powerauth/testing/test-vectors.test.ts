/**
 * Every file in test-vectors/ is accounted for: either a named test file loads it, or it concerns
 * only protocol version 2, which a 3.x server never speaks (issue #3 allows leaving those out).
 * Adding a vector file without a test, or a test losing its vector, fails here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "test-vectors");
/** Test files are named by their path under `src/powerauth/`. */
const library = path.join(here, "..");

const V2_ONLY = "protocol v2 only (short activation ID + OTP key exchange, v2 fingerprint); not used by a 3.x server";

const COVERAGE: Record<string, string> = {
  "extracted/ecies-v3.2-sdk-vectors.json": "ecies/ecies-vectors.test.ts",
  "extracted/ecies-v3.3-sdk-vectors.json": "ecies/ecies-vectors.test.ts",
  "powerauth-crypto/test-vectors/activation-status-blob-data.json": "activation/status-blob.test.ts",
  "powerauth-crypto/test-vectors/activation-status-blob-iv.json": "activation/status-blob.test.ts",
  "powerauth-crypto/test-vectors/compute-derived-keys.json": "activation/activation-keys.test.ts",
  "powerauth-crypto/test-vectors/compute-master-secret-key.json": "activation/activation-keys.test.ts",
  "powerauth-crypto/test-vectors/decrypt-server-public-key-v2.json": V2_ONLY,
  "powerauth-crypto/test-vectors/encrypt-device-public-key-v2.json": V2_ONLY,
  "powerauth-crypto/test-vectors/public-key-fingerprint-v2.json": V2_ONLY,
  "powerauth-crypto/test-vectors/public-key-fingerprint-v3.json": "activation/activation-fingerprint.test.ts",
  "powerauth-crypto/test-vectors/public-key-fingerprint.json": V2_ONLY,
  "powerauth-crypto/test-vectors/signatures-offline.json": "signature/signature.test.ts",
  "powerauth-crypto/test-vectors/signatures-v2.json": "signature/signature.test.ts",
  "powerauth-crypto/test-vectors/signatures-v3.json": "signature/signature.test.ts",
  "powerauth-crypto/test-vectors/signatures-v31.json": "signature/signature.test.ts",
  "powerauth-crypto/test-vectors/verify-activation-data-signature-v2.json": V2_ONLY,
  "powerauth-crypto/test-vectors/verify-activation-data-signature-v3.json": "activation/activation-code.test.ts",
  "powerauth-crypto/test-vectors/verify-encrypted-server-public-key-signature-v2.json": V2_ONLY,
  "powerauth-crypto/totp/data.csv": "offline/totp.test.ts",
  "powerauth-js-test-client/test-data/aes-cbc-pkcs7.json": "core/primitives.test.ts",
  "powerauth-js-test-client/test-data/aes-kdf.json": "activation/activation-keys.test.ts",
  "powerauth-js-test-client/test-data/hmac.json": "core/primitives.test.ts",
  "powerauth-js-test-client/test-data/kdf-x963.json": "core/primitives.test.ts",
  "powerauth-mobile-sdk/pa2/activation-status-blob-data.json": "activation/status-blob.test.ts",
  "powerauth-mobile-sdk/pa2/activation-status-blob-iv.json": "activation/status-blob.test.ts",
  "powerauth-mobile-sdk/pa2/compute-derived-keys.json": "activation/activation-keys.test.ts",
  "powerauth-mobile-sdk/pa2/compute-master-secret-key.json": "activation/activation-keys.test.ts",
  "powerauth-mobile-sdk/pa2/decrypt-server-public-key.json": V2_ONLY,
  "powerauth-mobile-sdk/pa2/encrypt-device-public-key.json": V2_ONLY,
  "powerauth-mobile-sdk/pa2/public-key-fingerprint.json": "activation/activation-fingerprint.test.ts",
  "powerauth-mobile-sdk/pa2/signatures-offline.json": "signature/signature.test.ts",
  "powerauth-mobile-sdk/pa2/signatures-v2.json": "signature/signature.test.ts",
  "powerauth-mobile-sdk/pa2/signatures-v3.json": "signature/signature.test.ts",
  "powerauth-mobile-sdk/pa2/signatures-v31.json": "signature/signature.test.ts",
  "powerauth-mobile-sdk/pa2/verify-activation-data-signature.json": V2_ONLY,
  "powerauth-mobile-sdk/pa2/verify-encrypted-server-public-key-signature.json": V2_ONLY,
};

function vectorFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return vectorFiles(full);
    return /\.(json|csv)$/.test(name) ? [path.relative(root, full).split(path.sep).join("/")] : [];
  });
}

describe("published test vectors", () => {
  it("every vector file is listed, and every listed file exists", () => {
    expect(vectorFiles(root).sort()).toEqual(Object.keys(COVERAGE).sort());
  });

  for (const [file, coveredBy] of Object.entries(COVERAGE)) {
    if (coveredBy === V2_ONLY) continue;
    it(`${file} is loaded by ${coveredBy}`, () => {
      const source = readFileSync(path.join(library, coveredBy), "utf8");
      const [folder, ...rest] = file.split("/");
      const name = rest.at(-1)!;
      // Tests loop over folders, so the name and its folder may appear apart.
      expect(source).toContain(name);
      expect(source).toContain(folder === "extracted" ? "extracted" : folder!);
    });
  }
});
