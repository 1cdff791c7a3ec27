import crypto from "node:crypto";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { startApnsSimulator, type ApnsSimulator } from "@/cli/simulators/apns-simulator";
import { parseEnv } from "@/env";
import { sampleApnsRequest, sampleHmsRequest } from "@/server/testing/push-credential-samples";

import type { ApnsCredential } from "./apns-client";
import { validateApnsCredential, validateHmsCredential } from "./credential-validation";
import { DEFAULT_PUSH_ENDPOINTS, type PushEndpoints, type PushNotification } from "./provider";
import { closeProviderClients, getProviderClient, pushEndpointsFromEnv } from "./provider-clients";

const secrets = {
  NEXTAUTH_SECRET: "x".repeat(40),
  SECRETS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  API_SECRET_PEPPER: crypto.randomBytes(32).toString("base64"),
  AUDIT_CHAIN_KEY: crypto.randomBytes(32).toString("base64"),
};

let simulator: ApnsSimulator;
let endpoints: PushEndpoints;
const credential = (): ApnsCredential => ({ provider: "APNS", ...validateApnsCredential(sampleApnsRequest()) });
const notification = (): PushNotification => ({ token: crypto.randomBytes(32).toString("hex"), environment: "development", priority: "HIGH", silent: false, deliveryId: crypto.randomUUID(), body: { title: "x" } });

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2000) throw new Error("condition not met in 2 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  simulator = await startApnsSimulator({ trustAnyKey: true });
  endpoints = { ...DEFAULT_PUSH_ENDPOINTS, apnsDevelopmentUrl: simulator.url, apnsProductionUrl: simulator.url };
});
afterEach(async () => {
  await closeProviderClients();
  await waitFor(() => simulator.stats().openSessions === 0);
  simulator.reset();
});
afterAll(() => simulator.stop());

describe("push endpoints from the environment", () => {
  it("defaults to the real hosts and takes the simulators' URLs", () => {
    expect(pushEndpointsFromEnv(parseEnv(secrets))).toEqual(DEFAULT_PUSH_ENDPOINTS);
    const env = parseEnv({ ...secrets, PUSH_APNS_PRODUCTION_URL: "http://127.0.0.1:9101", PUSH_APNS_DEVELOPMENT_URL: "http://127.0.0.1:9101", PUSH_FCM_URL: "http://127.0.0.1:9102", PUSH_FCM_TOKEN_URL: "http://127.0.0.1:9102/token", PUSH_HMS_URL: "http://127.0.0.1:9103", PUSH_HMS_TOKEN_URL: "http://127.0.0.1:9103/oauth2/v3/token" });
    expect(pushEndpointsFromEnv(env)).toMatchObject({ apnsProductionUrl: "http://127.0.0.1:9101", fcmTokenUrl: "http://127.0.0.1:9102/token", hmsUrl: "http://127.0.0.1:9103" });
    expect(() => parseEnv({ ...secrets, PUSH_FCM_URL: "ftp://x" })).toThrow(/PUSH_FCM_URL/);
  });
});

describe("provider client cache", () => {
  it("keeps one client per application, provider and credential version, and closes the old one when the credential changes", async () => {
    const first = credential();
    const key = { applicationId: "app-1", provider: "APNS" as const, credentialVersion: "2025-01-01T00:00:00.000Z" };
    const client = getProviderClient(key, first, endpoints);
    expect(getProviderClient(key, first, endpoints)).toBe(client);
    expect(getProviderClient({ ...key, applicationId: "app-2" }, first, endpoints)).not.toBe(client);
    expect((await client.send(notification())).kind).toBe("SENT");
    expect(simulator.stats().openSessions).toBe(1);

    const replaced = getProviderClient({ ...key, credentialVersion: "2025-01-02T00:00:00.000Z" }, credential(), endpoints);
    expect(replaced).not.toBe(client);
    await waitFor(() => simulator.stats().openSessions === 0);
    expect(await client.send(notification())).toMatchObject({ kind: "TRANSIENT", reason: "Client closed" });
    expect((await replaced.send(notification())).kind).toBe("SENT");
  });

  it("makes the client of the credential's provider and refuses a mismatched key", () => {
    const hms = { provider: "HMS" as const, ...validateHmsCredential(sampleHmsRequest()) };
    expect(getProviderClient({ applicationId: "app-1", provider: "HMS", credentialVersion: "v1" }, hms, endpoints)).toHaveProperty("tokenRequests", 0);
    expect(() => getProviderClient({ applicationId: "app-1", provider: "APNS", credentialVersion: "v1" }, hms, endpoints)).toThrow(/HMS credential/);
  });

  it("closes every client at shutdown", async () => {
    const client = getProviderClient({ applicationId: "app-3", provider: "APNS", credentialVersion: "v1" }, credential(), endpoints);
    await client.send(notification());
    await closeProviderClients();
    await waitFor(() => simulator.stats().openSessions === 0);
    expect(await client.send(notification())).toMatchObject({ kind: "TRANSIENT", reason: "Client closed" });
  });
});
