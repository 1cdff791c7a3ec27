/**
 * The process's provider clients, one per (application, provider, credential version): a client
 * holds a connection (APNs) and tokens (all three), so it lives as long as the credential it was
 * made from. When the credential changes (a new updatedAt), the old client is closed in the
 * background and a new one made; `closeProviderClients()` ends them all at shutdown.
 */
import { getEnv, type Env } from "@/env";
import { AppError } from "@/server/errors";

import { createApnsClient } from "./apns-client";
import { createFcmClient } from "./fcm-client";
import { createHmsClient } from "./hms-client";
import type { ProviderCredential, PushEndpoints, PushProviderClient } from "./provider";

export interface ProviderClientKey {
  applicationId: string;
  provider: ProviderCredential["provider"];
  /** The credential row's updatedAt (ISO): a changed credential makes a new client. */
  credentialVersion: string;
}

const clients = new Map<string, { version: string; client: PushProviderClient }>();

export function pushEndpointsFromEnv(env: Env = getEnv()): PushEndpoints {
  return {
    apnsProductionUrl: env.PUSH_APNS_PRODUCTION_URL,
    apnsDevelopmentUrl: env.PUSH_APNS_DEVELOPMENT_URL,
    fcmUrl: env.PUSH_FCM_URL,
    fcmTokenUrl: env.PUSH_FCM_TOKEN_URL,
    hmsUrl: env.PUSH_HMS_URL,
    hmsTokenUrl: env.PUSH_HMS_TOKEN_URL,
  };
}

function createClient(credential: ProviderCredential, endpoints: PushEndpoints): PushProviderClient {
  switch (credential.provider) {
    case "APNS":
      return createApnsClient(credential, endpoints);
    case "FCM":
      return createFcmClient(credential, endpoints);
    case "HMS":
      return createHmsClient(credential, endpoints);
  }
}

export function getProviderClient(key: ProviderClientKey, credential: ProviderCredential, endpoints: PushEndpoints = pushEndpointsFromEnv()): PushProviderClient {
  if (credential.provider !== key.provider) throw new AppError("ERROR_GENERIC", `A ${credential.provider} credential was given for a ${key.provider} client`);
  const slot = `${key.applicationId}\u0000${key.provider}`;
  // The endpoints are part of the version: tests and benchmarks may point one process elsewhere.
  const version = `${key.credentialVersion}\u0000${JSON.stringify(endpoints)}`;
  const existing = clients.get(slot);
  if (existing?.version === version) return existing.client;
  // In-flight sends on the old client finish first (close() waits for them, bounded by its timeout).
  if (existing) void existing.client.close().catch(() => undefined);
  const client = createClient(credential, endpoints);
  clients.set(slot, { version, client });
  return client;
}

export async function closeProviderClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.allSettled(all.map(({ client }) => client.close()));
}
