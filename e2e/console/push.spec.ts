/**
 * Push in the console: an administrator uploads an APNs .p8 key on the application's page, sees
 * what is set (never the key), a phone registers its push token through the app's own endpoint,
 * and the device shows in the application's device list (and by user); removing the credentials
 * is confirmed and says what it means. The Push page lists which providers each application has.
 */
import crypto from "node:crypto";

import { expectNoAxeViolations } from "./axe";
import { basic, createCredential, expect, test, unique } from "../fixtures";
import { createRegistration, phone, type TestApp } from "../api/registration-setup";

test("an administrator configures APNs and sees a registered device; removing is confirmed", async ({ page, staffAdmin, request, adminCredential }) => {
  void staffAdmin;
  const id = unique("PUSHUI");
  const created = await request.post("/admin/applications", { headers: basic(adminCredential), data: { id } });
  expect(created.status()).toBe(200);
  const { mobileSdkConfig } = (await created.json()) as { mobileSdkConfig: string };
  const credential = await createCredential(unique("push-ui-backend"), { app: id });
  const app: TestApp = { id, mobileSdkConfig, credential, headers: basic(credential) };

  await page.goto(`/console/applications/${id}`);
  const section = page.getByRole("region", { name: "Push" });
  await expect(section.getByRole("listitem", { name: "Apple (APNs)" })).toContainText("Not set");

  // A wrong key is refused on its field.
  const form = section.getByRole("form", { name: "Set push credentials" });
  await form.getByLabel("Bundle ID").fill("com.example.bank");
  await form.getByLabel("Key ID").fill("ABC123DEFG");
  await form.getByLabel("Team ID").fill("DEF123GHIJ");
  await form.getByLabel("Or paste the .p8 key").fill("not a key");
  await form.getByRole("button", { name: "Save Apple (APNs) credentials" }).click();
  await expect(form.getByLabel("Or paste the .p8 key")).toHaveAttribute("aria-invalid", "true");

  // The real .p8 file, uploaded.
  const pem = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  await form.getByLabel("Upload the .p8 key file").setInputFiles({ name: "AuthKey_ABC123DEFG.p8", mimeType: "application/octet-stream", buffer: Buffer.from(pem) });
  await expect(form.getByLabel("Or paste the .p8 key")).toHaveValue(pem);
  await form.getByLabel("Environment").selectOption("production");
  await form.getByRole("button", { name: "Save Apple (APNs) credentials" }).click();
  await expect(page.getByTestId("flash")).toContainText("Apple (APNs) credentials saved.");
  const apns = section.getByRole("listitem", { name: "Apple (APNs)" });
  await expect(apns).toContainText("com.example.bank · key ABC123DEFG · team DEF123GHIJ · production");
  await expect(apns).toContainText("key set");
  await expect(page.locator("body")).not.toContainText("BEGIN PRIVATE KEY");

  // A phone registers its push token with its PowerAuth token.
  const registration = await createRegistration(request, app);
  const device = phone(app);
  await device.activate({ qr: registration.activationQrCodeData, version: "3.3" });
  expect((await request.post(`/v2/registrations/${registration.registrationId}/commit`, { headers: app.headers, data: {} })).status()).toBe(200);
  await device.createToken();
  await device.registerPushToken({ platform: "ios", token: "a1b2c3d4e5f60718293a4b5c6d7e8f90", environment: "production" });

  await page.reload();
  const devices = page.getByRole("table", { name: "Push devices" });
  const row = devices.getByRole("row").filter({ hasText: registration.userId });
  await expect(row).toContainText("APNs");
  await expect(row).toContainText("production");
  await expect(row).toContainText("active");
  await expect(row).toContainText("a1b2c3…7e8f90");
  await section.getByLabel("User ID").fill("nobody-with-devices");
  await expect(devices).toContainText("This user has no push devices in this application.");
  await section.getByLabel("User ID").fill(registration.userId);
  await expect(devices.getByRole("row").filter({ hasText: registration.userId })).toBeVisible();
  await expectNoAxeViolations(page, "an application's Push section with a device");

  await section.getByRole("button", { name: "Remove Apple (APNs) credentials" }).click();
  const dialog = page.getByRole("dialog", { name: /Remove push credentials/ });
  await expect(dialog).toContainText("No push notification can be sent to Apple (APNs) devices of this application");
  await dialog.getByRole("button", { name: "Remove credentials" }).click();
  await expect(page.getByTestId("flash")).toContainText("Apple (APNs) credentials removed.");
  await expect(apns).toContainText("Not set");

  await page.goto("/console/push");
  const overview = page.getByRole("table", { name: "Push configuration of each application" });
  await expect(overview.getByRole("row").filter({ hasText: id })).toBeVisible();
  await expectNoAxeViolations(page, "the Push page");
});
