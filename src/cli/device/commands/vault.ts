// device vault unlock: the secure vault key from /pa/v3/vault/unlock (protocol §12), signed with
// possession and knowledge; the key is checked against the device's own derivation (§8).
import crypto from "node:crypto";

import { parseFactors } from "../device-client";
import { optionalString, UsageError, type DeviceCommand } from "../device-command";

export const vaultCommand: DeviceCommand = {
  name: "vault",
  usage: "vault unlock [--reason FETCH_ENCRYPTION_KEY] [--factors possession_knowledge]",
  positionals: true,
  options: { reason: { type: "string" }, factors: { type: "string" } },
  async run(client, values, positionals = []) {
    if (positionals.length !== 1 || positionals[0] !== "unlock") throw new UsageError("vault needs: unlock");
    const reason = optionalString(values, "reason") ?? "FETCH_ENCRYPTION_KEY";
    const { vaultEncryptionKey } = await client.unlockVault({ reason, factors: parseFactors(optionalString(values, "factors") ?? "possession_knowledge") });
    // The key itself stays on the "phone": print only that it was unlocked and a hash prefix of it.
    return { action: "unlock", unlocked: true, reason, keySha256Prefix: crypto.createHash("sha256").update(vaultEncryptionKey).digest("hex").slice(0, 8) };
  },
};
