/**
 * The console's push flow against the APNs simulator (issue 10 §5 "Playwright: configure APNs
 * credentials in the console, register a device with the simulator, send a push, see it in the
 * message log with the provider's answer", and §1 "send a test push to one device token"): an
 * administrator uploads a .p8 key the simulator trusts, two phones of one user register their APNs
 * tokens (protocol §14), a message sent through `POST /push/message/send` and a test push from the
 * console reach the simulator, and the log and the message page show Apple's 200 and the attempt.
 * Then Apple answers 410 for one token: the next message's page shows that delivery failed as a
 * dead token with the device removed, beside the other phone's SENT delivery, and the device is
 * gone from the application's devices table. A key Apple does not know is refused (403
 * InvalidProviderToken): the test push says so, the Push section and the Push overview show the
 * credential failing.
 */
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";

import type { APIRequestContext, Page } from "@playwright/test";

import { expectNoAxeViolations } from "./axe";
import { expect, test, unique } from "../fixtures";
import { createRegistration, makeTestApp, phone, type TestApp } from "../api/registration-setup";
import { apnsToken, control, deliveriesTo, randomAppleId, script, trustedApnsKey } from "../push-simulators";

const BUNDLE_ID = "com.example.bank";

/** The first 6 and last 6 characters, as the console shows a token (list-push-devices.ts shortToken). */
const short = (token: string) => `${token.slice(0, 6)}…${token.slice(-6)}`;

/** Fills the application's credential form with an APNs key uploaded as its .p8 file, and saves it. */
async function uploadApnsKey(page: Page, applicationId: string, key: { keyId: string; teamId: string; pem: string }) {
  await page.goto(`/console/applications/${applicationId}`);
  const form = page.getByRole("region", { name: "Push" }).getByRole("form", { name: "Set push credentials" });
  await form.getByLabel("Bundle ID").fill(BUNDLE_ID);
  await form.getByLabel("Key ID").fill(key.keyId);
  await form.getByLabel("Team ID").fill(key.teamId);
  await form.getByLabel("Upload the .p8 key file").setInputFiles({ name: `AuthKey_${key.keyId}.p8`, mimeType: "application/octet-stream", buffer: Buffer.from(key.pem) });
  await expect(form.getByLabel("Or paste the .p8 key")).toHaveValue(key.pem);
  await form.getByLabel("Environment").selectOption("development");
  await form.getByRole("button", { name: "Save Apple (APNs) credentials" }).click();
  await expect(page.getByTestId("flash")).toContainText("Apple (APNs) credentials saved.");
  await expect(page.getByRole("region", { name: "Push" }).getByRole("listitem", { name: "Apple (APNs)" })).toContainText(`${BUNDLE_ID} · key ${key.keyId} · team ${key.teamId} · development`);
}

/** A phone of `userId` activated, its registration committed, and its APNs token registered with its PowerAuth token (§14). */
async function phoneWithPush(request: APIRequestContext, app: TestApp, userId: string) {
  const registration = await createRegistration(request, app, { userId });
  const device = phone(app);
  await device.activate({ qr: registration.activationQrCodeData, version: "3.3" });
  expect((await request.post(`/v2/registrations/${registration.registrationId}/commit`, { headers: app.headers, data: {} })).status()).toBe(200);
  await device.createToken();
  const token = apnsToken();
  await device.registerPushToken({ platform: "ios", token, environment: "development" });
  return { registrationId: registration.registrationId, token };
}

/** `POST /push/message/send` SYNCHRONOUS: returns once every delivery had Apple's first answer, with the APNs counts. */
async function sendSynchronously(request: APIRequestContext, app: TestApp, userId: string, title: string) {
  const response = await request.post("/push/message/send", {
    headers: app.headers,
    data: { requestObject: { appId: app.id, mode: "SYNCHRONOUS", message: { userId, body: { title, body: "Your payment of 42 EUR was approved." } } } },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { responseObject: { result: { apns: unknown } } }).responseObject.result.apns;
}

async function openMessage(page: Page, app: TestApp, title: string) {
  await page.goto(`/console/push/messages?app=${app.id}`);
  await page.getByRole("table", { name: "Push messages" }).getByRole("row").filter({ hasText: title }).getByRole("link", { name: /open message/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Push message");
  await expect(page.getByRole("region", { name: "Content" }).getByLabel("Message content")).toContainText(title);
}

/** The delivery's row in the message page's Deliveries table; `Attempts` opens its attempts. */
function deliveryRow(page: Page, token: string) {
  return page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: short(token) });
}

async function openAttempts(page: Page, token: string) {
  await deliveryRow(page, token).getByRole("button", { name: `Attempts of the delivery to ${short(token)}` }).click();
  return page.getByRole("table", { name: `Attempts of the delivery to ${short(token)}` });
}

test("APNs set in the console delivers through the simulator; the log shows Apple's 200 and its attempt, and a 410 retires the device", async ({ page, staffAdmin, request, adminCredential }) => {
  test.setTimeout(90_000);
  void staffAdmin;
  const app = await makeTestApp(request, adminCredential);
  const key = await trustedApnsKey();
  await uploadApnsKey(page, app.id, key);

  const userId = unique("push-user");
  const first = await phoneWithPush(request, app, userId);
  const second = await phoneWithPush(request, app, userId);

  // Through the Push Server API: both phones get Apple's payload, with the topic the console set.
  const apiTitle = unique("Payment approved");
  expect(await sendSynchronously(request, app, userId, apiTitle)).toEqual({ sent: 2, pending: 0, failed: 0, total: 2 });
  for (const token of [first.token, second.token]) {
    const [delivered] = await deliveriesTo("apns", token);
    expect(delivered!.headers).toMatchObject({ "apns-topic": BUNDLE_ID, "apns-push-type": "alert", "apns-priority": "10" });
    expect(delivered!.payload).toMatchObject({ aps: { alert: { title: apiTitle, body: "Your payment of 42 EUR was approved." } } });
  }

  // Through the console's test push, to the first phone's raw token.
  await page.goto(`/console/applications/${app.id}`);
  const testForm = page.getByRole("region", { name: "Push" }).getByRole("form", { name: "Send a test push" });
  const testTitle = unique("Console test");
  await testForm.getByLabel("Device token").fill(first.token);
  await testForm.getByLabel("Title").fill(testTitle);
  await testForm.getByRole("button", { name: "Send test push" }).click();
  const result = testForm.getByTestId("push-test-result");
  await expect(result).toContainText("Test push to APNs:");
  await expect(result).toContainText("sent");
  await expect(result).toContainText("Accepted by the provider");
  await expect(result).toContainText("Provider status 200");
  const toFirst = await deliveriesTo("apns", first.token, 2);
  expect(toFirst.at(-1)!.payload).toMatchObject({ aps: { alert: { title: testTitle, body: "A test push from the Guardline console." } } });
  expect(toFirst.at(-1)!.headers).toMatchObject({ "apns-topic": BUNDLE_ID });

  // The message log: both messages, every delivery sent.
  await page.goto(`/console/push/messages?app=${app.id}`);
  const log = page.getByRole("table", { name: "Push messages" });
  const apiRow = log.getByRole("row").filter({ hasText: apiTitle });
  await expect(apiRow).toContainText("Push Server API");
  await expect(apiRow).toContainText(`User ${userId}`);
  await expect(apiRow.getByRole("cell").nth(5)).toHaveText("2");
  await expect(apiRow.getByRole("cell").nth(6)).toHaveText("2 sent · 0 pending · 0 failed");
  const testRow = log.getByRole("row").filter({ hasText: testTitle });
  await expect(testRow).toContainText("Console");
  await expect(testRow).toContainText(`Test token ${short(first.token)} (APNs)`);
  await expect(testRow.getByRole("cell").nth(6)).toHaveText("1 sent · 0 pending · 0 failed");

  // The API message's page: each delivery SENT with Apple's 200, one attempt.
  await openMessage(page, app, apiTitle);
  await expect(page.getByTestId("push-message-counts")).toContainText("2 sent · 0 pending · 0 failed");
  for (const phoneOf of [first, second]) {
    const row = deliveryRow(page, phoneOf.token);
    await expect(row).toContainText("APNs");
    await expect(row).toContainText("development");
    await expect(row).toContainText(phoneOf.registrationId.slice(0, 8));
    await expect(row.getByRole("cell").nth(3)).toHaveText("sent");
    await expect(row.getByRole("cell").nth(4)).toHaveText("Accepted by the provider");
    await expect(row.getByRole("cell").nth(5)).toHaveText("200");
    await expect(row.getByRole("cell").nth(6)).toHaveText("1");
    await expect(row).not.toContainText("device removed");
  }
  const attempts = await openAttempts(page, first.token);
  const attempt = attempts.getByRole("row").nth(1);
  await expect(attempt.getByRole("cell").nth(0)).toHaveText("1");
  await expect(attempt.getByRole("cell").nth(3)).toHaveText("Accepted by the provider");
  await expect(attempt.getByRole("cell").nth(4)).toHaveText("200");
  await expect(attempt.getByRole("cell").nth(5)).toHaveText("—");
  await expect(attempts.getByRole("row")).toHaveCount(2);

  // The test push's page: its one delivery, to the raw token (no registration), SENT with 200.
  await openMessage(page, app, testTitle);
  await expect(page.getByTestId("push-message-overview")).toContainText(`Test token ${short(first.token)} (APNs)`);
  const testDelivery = deliveryRow(page, first.token);
  await expect(testDelivery.getByRole("cell").nth(3)).toHaveText("sent");
  await expect(testDelivery.getByRole("cell").nth(5)).toHaveText("200");
  await expect(testDelivery).not.toContainText("device removed");

  // Apple says the first phone's token is dead: that delivery fails for good, the other is sent.
  await script("apns", first.token, [{ status: 410, reason: "Unregistered" }]);
  const deadTitle = unique("After the phone was wiped");
  expect(await sendSynchronously(request, app, userId, deadTitle)).toEqual({ sent: 1, pending: 0, failed: 1, total: 2 });
  expect((await deliveriesTo("apns", second.token, 2)).at(-1)!.payload).toMatchObject({ aps: { alert: { title: deadTitle } } });
  await openMessage(page, app, deadTitle);
  await expect(page.getByTestId("push-message-counts")).toContainText("1 sent · 0 pending · 1 failed");
  const dead = deliveryRow(page, first.token);
  await expect(dead.getByRole("cell").nth(1)).toHaveText(`${short(first.token)}device removed`);
  await expect(dead.getByRole("cell").nth(3)).toHaveText("failed");
  await expect(dead.getByRole("cell").nth(4)).toHaveText("Dead token: the device was retired");
  await expect(dead.getByRole("cell").nth(5)).toHaveText("410 Unregistered");
  await expect(dead.getByRole("cell").nth(6)).toHaveText("1");
  const alive = deliveryRow(page, second.token);
  await expect(alive.getByRole("cell").nth(3)).toHaveText("sent");
  await expect(alive.getByRole("cell").nth(5)).toHaveText("200");
  await expect(alive).not.toContainText("device removed");
  const deadAttempts = await openAttempts(page, first.token);
  await expect(deadAttempts.getByRole("row").nth(1).getByRole("cell").nth(3)).toHaveText("Dead token: the device was retired");
  await expect(deadAttempts.getByRole("row").nth(1).getByRole("cell").nth(4)).toHaveText("410");
  await expect(deadAttempts.getByRole("row").nth(1).getByRole("cell").nth(5)).toHaveText("Unregistered");
  // At the console's 1400 px, the columns fit their section (no sideways scrolling hiding the platform or the toggle).
  const layout = await page.getByRole("table", { name: "Deliveries" }).evaluate((table) => ({
    overflow: table.parentElement!.scrollWidth - table.parentElement!.clientWidth,
    columns: Array.from(table.querySelectorAll("thead th"), (th) => `${th.textContent}: ${Math.round(th.getBoundingClientRect().width)}`).join(", "),
  }));
  expect(layout.overflow, `the Deliveries table's overflow in px (${layout.columns})`).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, "a push message's page with a sent and a failed delivery");
  await page.screenshot({ path: path.join(os.tmpdir(), `guardline-push-delivery-${process.env.E2E_DATABASE_URL ? "postgres" : "embedded"}.png`), fullPage: true });

  // The retired device is gone from the application's devices; the other phone stays.
  await page.goto(`/console/applications/${app.id}`);
  const devices = page.getByRole("table", { name: "Push devices" });
  await expect(devices.getByRole("row").filter({ hasText: short(second.token) })).toContainText("active");
  await expect(devices.getByRole("row").filter({ hasText: short(first.token) })).toHaveCount(0);
  await expect(devices.getByRole("row").filter({ hasText: userId })).toHaveCount(1);
});

test("a key Apple does not know is refused: the test push shows 403 InvalidProviderToken, the credential is failing in the Push section and on the Push page", async ({ page, staffAdmin, request, adminCredential }) => {
  void staffAdmin;
  const app = await makeTestApp(request, adminCredential);
  // A valid .p8 key that was never registered with the simulator: Apple's answer to its provider token is 403.
  const pem = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  await uploadApnsKey(page, app.id, { keyId: randomAppleId(), teamId: randomAppleId(), pem });

  await page.goto("/console/push");
  const overviewRow = page.getByRole("table", { name: "Push configuration of each application" }).getByRole("row").filter({ hasText: app.id });
  await expect(overviewRow.getByRole("cell").nth(1)).toHaveText("set");

  await page.goto(`/console/applications/${app.id}`);
  const section = page.getByRole("region", { name: "Push" });
  await expect(section.getByTestId("push-failing-APNS")).toHaveCount(0);
  const token = apnsToken();
  const testForm = section.getByRole("form", { name: "Send a test push" });
  await testForm.getByLabel("Device token").fill(token);
  await testForm.getByRole("button", { name: "Send test push" }).click();
  const result = testForm.getByTestId("push-test-result");
  // Our own credential: kept for a retry much later (push-retry-policy.ts), never a dead token.
  await expect(result).toContainText("retrying");
  await expect(result).toContainText("Our credentials were refused: the device is kept");
  await expect(result).toContainText("Provider status 403 · reason InvalidProviderToken");
  const refused = await control<{ deliveries: unknown[] }>("apns", "GET", `deliveries?token=${token}`);
  expect(refused.deliveries).toEqual([]);

  await page.reload();
  await expect(section.getByTestId("push-failing-APNS")).toContainText("Failing");
  await expect(section.getByTestId("push-failing-APNS")).toContainText("InvalidProviderToken");
  await expect(section.getByRole("listitem", { name: "Apple (APNs)" })).toContainText("failing");

  // The test push's page: pending for a retry, with Apple's 403 as the answer.
  await page.getByRole("region", { name: "Push" }).getByRole("link", { name: "Message log" }).click();
  await page.getByRole("table", { name: "Push messages" }).getByRole("row").filter({ hasText: `Test token ${short(token)} (APNs)` }).getByRole("link", { name: /open message/ }).click();
  const delivery = deliveryRow(page, token);
  await expect(delivery.getByRole("cell").nth(3)).toHaveText("retrying");
  await expect(delivery.getByRole("cell").nth(4)).toHaveText("Our credentials were refused: the device is kept");
  await expect(delivery.getByRole("cell").nth(5)).toHaveText("403 InvalidProviderToken");

  await page.goto("/console/push");
  await expect(overviewRow.getByRole("cell").nth(1)).toHaveText("failing");
  await expect(overviewRow.getByRole("cell").nth(2)).toHaveText("not set");
  await expectNoAxeViolations(page, "the Push page with a failing credential");
});
