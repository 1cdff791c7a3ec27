// device token create|use|remove: MAC tokens (protocol §11). `create` keeps the token in the state
// file under --name; `use` prints a fresh X-PowerAuth-Token header (and, with
// --verify-credential, what /v2/token/verify says about it); `remove` deletes it on the server.
import { verifyAsBackend } from "../backend-verify";
import { DEFAULT_TOKEN_NAME, parseFactors } from "../device-client";
import { optionalString, UsageError, type DeviceCommand } from "../device-command";

export const tokenCommand: DeviceCommand = {
  name: "token",
  usage: `token create|use|remove [--name ${DEFAULT_TOKEN_NAME}] [--factors possession] [--verify-credential USER:PASSWORD (use)]`,
  positionals: true,
  options: {
    name: { type: "string" },
    factors: { type: "string" },
    "verify-credential": { type: "string" },
  },
  async run(client, values, positionals = []) {
    const [action, ...extra] = positionals;
    if (extra.length > 0 || (action !== "create" && action !== "use" && action !== "remove")) throw new UsageError("token needs one of: create, use, remove");
    const name = optionalString(values, "name") ?? DEFAULT_TOKEN_NAME;
    const factors = parseFactors(optionalString(values, "factors") ?? "possession");
    if (action === "create") {
      const token = await client.createToken({ name, factors });
      return { action, name, tokenId: token.tokenId, signatureType: token.signatureType };
    }
    if (action === "remove") return { action, name, ...(await client.removeToken({ name, factors })) };
    const [[header, value]] = Object.entries(client.tokenHeader({ name })) as [[string, string]];
    const credential = optionalString(values, "verify-credential");
    return { action, name, header, value, ...(credential ? { verification: await verifyAsBackend(client.baseUrl, credential, "/v2/token/verify", { authHeader: value }) } : {}) };
  },
};
