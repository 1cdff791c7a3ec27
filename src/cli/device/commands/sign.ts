// device sign: the X-PowerAuth-Authorization header for one request (protocol §10); the stored
// counter moves on by one step.
import fs from "node:fs";

import { parseFactors } from "../device-client";
import { optionalString, requireString, UsageError, type DeviceCommand } from "../device-command";

export const signCommand: DeviceCommand = {
  name: "sign",
  usage: "sign --method POST --uri-id /pa/signature/validate (--body TEXT | --body-file FILE | --query 'a=1&b=2') [--factors possession_knowledge]",
  options: {
    method: { type: "string" },
    "uri-id": { type: "string" },
    body: { type: "string" },
    "body-file": { type: "string" },
    query: { type: "string" },
    factors: { type: "string" },
  },
  async run(client, values) {
    const body = optionalString(values, "body");
    const bodyFile = optionalString(values, "body-file");
    const query = optionalString(values, "query");
    if ([body, bodyFile, query].filter((value) => value !== undefined).length > 1) throw new UsageError("Give at most one of --body, --body-file or --query");
    const factors = parseFactors(optionalString(values, "factors") ?? "possession_knowledge");
    const headers = client.signHeaders({
      method: requireString(values, "method").toUpperCase(),
      uriId: requireString(values, "uri-id"),
      ...(bodyFile ? { body: fs.readFileSync(bodyFile) } : body !== undefined ? { body } : query !== undefined ? { query } : { body: "" }),
      factors,
    });
    const [[header, value]] = Object.entries(headers) as [[string, string]];
    return { header, value };
  },
};
