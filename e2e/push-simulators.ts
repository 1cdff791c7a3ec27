/**
 * The e2e tests' handle on the provider simulators the test server pushes to (started by the
 * Playwright config beside the app): their `/__simulator/...` control surface over HTTP.
 */
import crypto from "node:crypto";

import { expect } from "@playwright/test";

import { E2E } from "./e2e-settings";

type Provider = keyof typeof E2E.simulators;

export async function control<T = unknown>(provider: Provider, method: "GET" | "POST", name: string, body?: unknown): Promise<T> {
  const response = await fetch(`${E2E.simulators[provider]}/__simulator/${name}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  expect(response.status, `${provider} simulator ${method} ${name}`).toBe(200);
  return (await response.json()) as T;
}

/** A fresh APNs .p8 key the simulator trusts, as the credential forms and APIs take it. */
export async function trustedApnsKey(keyId = randomAppleId(), teamId = randomAppleId()) {
  const pem = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  await control("apns", "POST", "keys", { teamId, keyId, privateKeyPem: pem });
  return { keyId, teamId, pem, privateKeyBase64: Buffer.from(pem).toString("base64") };
}

export function randomAppleId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return Array.from(crypto.randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** A device token APNs would issue (64 hex digits), unique per call. */
export const apnsToken = () => crypto.randomBytes(32).toString("hex");

export interface SimulatedDelivery {
  token: string;
  apnsId?: string;
  headers?: Record<string, string>;
  payload?: Record<string, unknown>;
}

/** What the simulator accepted for this token, polled until `count` arrived. */
export async function deliveriesTo(provider: Provider, token: string, count = 1): Promise<SimulatedDelivery[]> {
  let records: SimulatedDelivery[] = [];
  await expect
    .poll(
      async () => {
        const summary = await control<{ deliveries?: SimulatedDelivery[]; records?: SimulatedDelivery[] }>(provider, "GET", `deliveries?token=${encodeURIComponent(token)}`);
        records = summary.deliveries ?? summary.records ?? [];
        return records.length;
      },
      { timeout: 20_000, intervals: [100, 250, 500] },
    )
    .toBeGreaterThanOrEqual(count);
  return records;
}

export async function script(provider: Provider, token: string, answers: { status?: number; reason?: string; retryAfter?: number; drop?: boolean }[]) {
  await control(provider, "POST", "script", { token, answers });
}
