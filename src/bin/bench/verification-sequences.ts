/**
 * The work of the verification rows of `npm run bench:api`, prepared before measuring: for each
 * server (product and bare, so their counters never interfere) `registrations` simulated phones
 * activate over the product's own API (protocol 3.3: registration, key exchange, commit) and create
 * a token each; then one JSON body per line is written for
 *
 * - valid signatures: `sequence` POST /v2/signature/verify bodies, body k signed by phone k mod R
 *   with its next counter step (possession + knowledge over a payment-like body);
 * - wrong signatures: one per phone, a possession signature over another body than the one sent
 *   (the server tries the whole look-ahead window; possession failures are not counted, so the
 *   phones never block and the bodies can repeat);
 * - valid tokens: `sequence` POST /v2/token/verify bodies, header k from phone k mod R's token
 *   with a fresh nonce.
 */
import fs from "node:fs";
import path from "node:path";

import { DeviceClient, newDeviceState } from "@/cli/device/device-client";

type Files = Record<"product" | "bare", string>;

export interface VerificationSequences {
  validSignatures: Files;
  wrongSignatures: Files;
  validTokens: Files;
  /** Per server: a JSON array of its registration IDs, slot r being body k with k mod R = r. */
  registrationIds: Files;
}

async function call(baseUrl: string, authorization: string, method: string, url: string, body?: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

async function activatePhones(input: { baseUrl: string; appAuthorization: string; applicationId: string; mobileSdkConfig: string; count: number; label: string }): Promise<DeviceClient[]> {
  const phones: DeviceClient[] = [];
  for (let i = 0; i < input.count; i++) {
    const created = await call(input.baseUrl, input.appAuthorization, "POST", "/v2/registrations", { userId: `bench-${input.label}-${i}`, appId: input.applicationId });
    const phone = new DeviceClient({ baseUrl: input.baseUrl, state: newDeviceState(input.mobileSdkConfig) });
    await phone.activate({ qr: String(created.activationQrCodeData), version: "3.3" });
    await call(input.baseUrl, input.appAuthorization, "POST", `/v2/registrations/${String(created.registrationId)}/commit`, {});
    await phone.createToken({ factors: "possession_knowledge" });
    phones.push(phone);
  }
  return phones;
}

function writeLines(file: string, count: number, line: (k: number) => string): string {
  const out = fs.openSync(file, "w");
  let batch: string[] = [];
  for (let k = 0; k < count; k++) {
    batch.push(line(k));
    if (batch.length === 2000) {
      fs.writeSync(out, `${batch.join("\n")}\n`);
      batch = [];
    }
  }
  if (batch.length) fs.writeSync(out, `${batch.join("\n")}\n`);
  fs.closeSync(out);
  return file;
}

const PAYMENT = (k: number) => JSON.stringify({ requestObject: { id: `00000000-0000-4000-8000-${String(k).padStart(12, "0")}`, data: "A1*A100.00EUR*ICZ3855000000003643174999" } });

export async function prepareVerificationSequences(input: {
  baseUrl: string;
  appAuthorization: string;
  applicationId: string;
  mobileSdkConfig: string;
  registrations: number;
  sequence: number;
  directory: string;
}): Promise<VerificationSequences> {
  const started = Date.now();
  const result: VerificationSequences = { validSignatures: {} as Files, wrongSignatures: {} as Files, validTokens: {} as Files, registrationIds: {} as Files };
  for (const which of ["product", "bare"] as const) {
    const phones = await activatePhones({ baseUrl: input.baseUrl, appAuthorization: input.appAuthorization, applicationId: input.applicationId, mobileSdkConfig: input.mobileSdkConfig, count: input.registrations, label: which });
    const r = phones.length;
    result.registrationIds[which] = path.join(input.directory, `registrations-${which}.json`);
    fs.writeFileSync(result.registrationIds[which], JSON.stringify(phones.map((phone) => phone.activation.activationId)));
    result.wrongSignatures[which] = writeLines(path.join(input.directory, `wrong-signatures-${which}.jsonl`), r, (k) => {
      const signed = phones[k]!.signHeaders({ method: "POST", uriId: "/operation/authorize", body: PAYMENT(k), factors: "possession" })["X-PowerAuth-Authorization"]!;
      return JSON.stringify({ method: "POST", uriId: "/operation/authorize", authHeader: signed, requestBody: Buffer.from(PAYMENT(k + 1)).toString("base64") });
    });
    result.validSignatures[which] = writeLines(path.join(input.directory, `valid-signatures-${which}.jsonl`), input.sequence, (k) => {
      const body = PAYMENT(k);
      const signed = phones[k % r]!.signHeaders({ method: "POST", uriId: "/operation/authorize", body, factors: "possession_knowledge" })["X-PowerAuth-Authorization"]!;
      return JSON.stringify({ method: "POST", uriId: "/operation/authorize", authHeader: signed, requestBody: Buffer.from(body).toString("base64") });
    });
    const now = Date.now();
    result.validTokens[which] = writeLines(path.join(input.directory, `valid-tokens-${which}.jsonl`), input.sequence, (k) =>
      JSON.stringify({ authHeader: phones[k % r]!.tokenHeader({ nowMs: now })["X-PowerAuth-Token"]! }),
    );
  }
  console.log(`Prepared ${input.registrations} registrations and ${input.sequence} signed requests per server and row in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return result;
}
