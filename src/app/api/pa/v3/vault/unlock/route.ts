// POST /pa/v3/vault/unlock (Standard RESTful API, protocol §12): signed with possession and
// knowledge (biometry is off by default, §16) over the raw ECIES body; the answer is the raw ECIES
// response carrying encryptedVaultEncryptionKey.
import { ZEciesRequestBody } from "@/schemas/registrations";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { unlockVault } from "@/server/services/verification/unlock-vault";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { signature: "vaultUnlock" },
    family: "standard",
    body: ZEciesRequestBody,
    handler: async ({ device, body }) => (await unlockVault({ device: device!, body })).response,
  }),
});
