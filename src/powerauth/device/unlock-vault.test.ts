import { describe, expect, it } from "vitest";

import { computeMasterSecret, deriveActivationKeys } from "../activation/activation-keys";
import { toBase64 } from "../core/encoding";
import { aesCbcEncrypt, randomBytes } from "../core/primitives";
import { createTestActivation } from "../testing/test-activation";
import { expectPowerAuthError } from "../testing/test-helpers";
import { openVaultUnlockResponse } from "./unlock-vault";

const NOW = 1_700_000_000_000;

describe("secure vault unlock, device side (§12)", () => {
  it("opens the server's encryptedVaultEncryptionKey and checks it is this activation's", () => {
    const test = createTestActivation("3.3", NOW);
    const keys = deriveActivationKeys(computeMasterSecret(test.server.privateKey, Buffer.from(test.activation.devicePublicKey, "base64")));
    const encrypted = aesCbcEncrypt(keys.transport, Buffer.alloc(16), keys.vaultEncryption);
    expect(encrypted).toHaveLength(32);
    expect(openVaultUnlockResponse(test.activation, { encryptedVaultEncryptionKey: toBase64(encrypted) })).toBe(toBase64(keys.vaultEncryption));
  });

  it("refuses another key, a malformed response and a wrong length", () => {
    const test = createTestActivation("3.2", NOW);
    const other = aesCbcEncrypt(test.transportKey, Buffer.alloc(16), randomBytes(16));
    expectPowerAuthError(() => openVaultUnlockResponse(test.activation, { encryptedVaultEncryptionKey: toBase64(other) }), "INVALID_KEY");
    expectPowerAuthError(() => openVaultUnlockResponse(test.activation, {}), "INVALID_FORMAT");
    expectPowerAuthError(() => openVaultUnlockResponse(test.activation, { encryptedVaultEncryptionKey: "AAAA" }), "INVALID_LENGTH");
  });
});
