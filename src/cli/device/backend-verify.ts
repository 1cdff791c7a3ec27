/**
 * For scripts: what the bank's backend would do with a header the device made — call the Cloud
 * API's `/v2/signature/verify` or `/v2/token/verify` with an application credential
 * (`--verify-credential USERNAME:PASSWORD`) and report its answer.
 */
import { UsageError } from "./device-command";

export async function verifyAsBackend(baseUrl: string, credential: string, path: "/v2/signature/verify" | "/v2/token/verify", body: object): Promise<unknown> {
  if (!credential.includes(":")) throw new UsageError("--verify-credential must be USERNAME:PASSWORD");
  const response = await fetch(`${baseUrl.replace(/\/+$/, "")}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(credential).toString("base64")}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}
