/**
 * Real provider credentials made on the spot with node:crypto, for tests (unit, DB, e2e): an APNs
 * .p8 key, a Firebase service-account JSON, HMS client credentials. Each call makes a new key.
 */
import crypto from "node:crypto";

import type { PushNotification } from "@/server/push/provider";

export function sampleApnsRequest(overrides: Partial<{ topic: string; keyId: string; teamId: string; environment: string | null; privateKeyBase64: string }> = {}) {
  const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  return { topic: "com.example.bank", keyId: "ABC123DEFG", teamId: "DEF123GHIJ", environment: "development", privateKeyBase64: Buffer.from(pem).toString("base64"), ...overrides };
}

export function sampleServiceAccountJson(overrides: Record<string, unknown> = {}): string {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return JSON.stringify({
    type: "service_account",
    project_id: "guardline-test",
    private_key_id: crypto.randomBytes(20).toString("hex"),
    private_key: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    client_email: "push@guardline-test.iam.gserviceaccount.com",
    client_id: "123456789012345678901",
    token_uri: "https://oauth2.googleapis.com/token",
    ...overrides,
  });
}

export function sampleFcmRequest(overrides: Partial<{ projectId: string; privateKeyBase64: string }> = {}) {
  return { privateKeyBase64: Buffer.from(sampleServiceAccountJson()).toString("base64"), ...overrides };
}

export function sampleHmsRequest(overrides: Partial<{ projectId: string; appId: string; clientId: string; clientSecret: string }> = {}) {
  return { projectId: "388421841221234567", appId: "104567890", clientId: "104567890", clientSecret: crypto.randomBytes(32).toString("hex"), ...overrides };
}

/** One notification as the pipeline hands it to a provider client (provider.ts), for the client tests. */
export function sampleNotification(token: string, overrides: Partial<PushNotification> = {}): PushNotification {
  return { token, environment: "production", priority: "HIGH", silent: false, deliveryId: crypto.randomUUID(), body: { title: "Payment", body: "Approve 100 EUR" }, ...overrides };
}
