/**
 * Shared set-up of the registration and mobile specs: an application made through the admin API,
 * a backend credential for it made with the CLI, and simulated phones talking to the running
 * server over HTTP.
 */
import type { APIRequestContext } from "@playwright/test";

import { DeviceClient, newDeviceState } from "@/cli/device/device-client";

import { E2E } from "../e2e-settings";
import { basic, createCredential, expect, unique, type CliCredential } from "../fixtures";

export interface TestApp {
  id: string;
  mobileSdkConfig: string;
  credential: CliCredential;
  headers: Record<string, string>;
}

export async function makeTestApp(request: APIRequestContext, admin: CliCredential): Promise<TestApp> {
  const id = unique("REG_APP");
  const response = await request.post("/admin/applications", { headers: basic(admin), data: { id } });
  expect(response.status()).toBe(200);
  const { mobileSdkConfig } = (await response.json()) as { mobileSdkConfig: string };
  const credential = await createCredential(unique("reg-backend"), { app: id });
  return { id, mobileSdkConfig, credential, headers: basic(credential) };
}

export function phone(app: { mobileSdkConfig: string }): DeviceClient {
  return new DeviceClient({ baseUrl: E2E.baseUrl, state: newDeviceState(app.mobileSdkConfig) });
}

export async function createRegistration(
  request: APIRequestContext,
  app: TestApp,
  body: Record<string, unknown> = {},
): Promise<{ registrationId: string; activationQrCodeData: string; userId: string }> {
  const userId = (body.userId as string | undefined) ?? unique("user");
  const response = await request.post("/v2/registrations", { headers: app.headers, data: { userId, appId: app.id, ...body } });
  expect(response.status(), await response.text()).toBe(200);
  return { ...((await response.json()) as { registrationId: string; activationQrCodeData: string }), userId };
}

export const errorBody = (code: string, message: unknown = expect.any(String)) => ({ status: "ERROR", responseObject: expect.objectContaining({ code, message }) });
