// device sign: the X-PowerAuth-Authorization header for one request (protocol §10); the stored
// counter moves on by one step.
import fs from "node:fs";

import { verifyAsBackend } from "../backend-verify";
import { parseFactors } from "../device-client";
import { optionalString, requireString, UsageError, type DeviceCommand } from "../device-command";

export const signCommand: DeviceCommand = {
  name: "sign",
  usage: "sign --method POST --uri-id /pa/signature/validate (--body TEXT | --body-file FILE | --query 'a=1&b=2') [--factors possession_knowledge] [--verify-credential USER:PASSWORD]",
  options: {
    method: { type: "string" },
    "uri-id": { type: "string" },
    body: { type: "string" },
    "body-file": { type: "string" },
    query: { type: "string" },
    factors: { type: "string" },
    "verify-credential": { type: "string" },
  },
  async run(client, values) {
    const body = optionalString(values, "body");
    const bodyFile = optionalString(values, "body-file");
    const query = optionalString(values, "query");
    if ([body, bodyFile, query].filter((value) => value !== undefined).length > 1) throw new UsageError("Give at most one of --body, --body-file or --query");
    const factors = parseFactors(optionalString(values, "factors") ?? "possession_knowledge");
    const method = requireString(values, "method").toUpperCase();
    const uriId = requireString(values, "uri-id");
    const bytes = bodyFile ? fs.readFileSync(bodyFile) : Buffer.from(body ?? "");
    const headers = client.signHeaders({ method, uriId, ...(query !== undefined ? { query } : { body: bytes }), factors });
    const [[header, value]] = Object.entries(headers) as [[string, string]];
    const credential = optionalString(values, "verify-credential");
    if (!credential) return { header, value };
    // What the bank's backend would send on (/v2/signature/verify): the body as Base64, or for a GET the query as a map.
    const request =
      query !== undefined
        ? { method, uriId, authHeader: value, requestBody: null, queryParams: Object.fromEntries(new URLSearchParams(query)) }
        : { method, uriId, authHeader: value, requestBody: bytes.toString("base64"), queryParams: null };
    return { header, value, verification: await verifyAsBackend(client.baseUrl, credential, "/v2/signature/verify", request) };
  },
};
