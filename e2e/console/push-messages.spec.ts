/**
 * The console's push message log (issue 10 §1, §3, §5): an application without credentials is
 * offered no test push; with APNs credentials, a message sent through `POST /push/message/send`
 * (ASYNCHRONOUS) to a user with a registered phone shows in the application's message log with
 * its delivery, and the message page lists that delivery. A viewer reads the log but is offered
 * no test push; an operator is offered it without the credential form. The key is one the APNs
 * simulator trusts, so the log shows Apple's real answer: sent, 200, one attempt.
 */
import { expectNoAxeViolations } from "./axe";
import { basic, createStaffUser, expect, signInPage, test, unique } from "../fixtures";
import { createRegistration, makeTestApp, phone } from "../api/registration-setup";
import { apnsToken, deliveriesTo, trustedApnsKey } from "../push-simulators";

test("an application without push credentials is offered no test push, and its message log is empty", async ({ page, staffAdmin, request, adminCredential }) => {
  void staffAdmin;
  const app = await makeTestApp(request, adminCredential);

  await page.goto(`/console/applications/${app.id}`);
  const section = page.getByRole("region", { name: "Push" });
  await expect(section.getByRole("listitem", { name: "Apple (APNs)" })).toContainText("Not set");
  await expect(section.getByRole("form", { name: "Set push credentials" })).toBeVisible();
  await expect(section.getByRole("form", { name: "Send a test push" })).toHaveCount(0);

  await section.getByRole("link", { name: "Message log" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/push/messages\\?app=${app.id}$`));
  await expect(page.getByLabel("Application")).toHaveValue(app.id);
  await expect(page.getByRole("table", { name: "Push messages" })).toContainText("This application has sent no push message yet.");
});

test("a message sent through the Push Server API shows in the message log with its delivery", async ({ page, staffAdmin, request, adminCredential }) => {
  void staffAdmin;
  const app = await makeTestApp(request, adminCredential);
  const key = await trustedApnsKey();
  const apns = await request.post(`/admin/applications/${app.id}/push/apns`, {
    headers: basic(adminCredential),
    data: { topic: "com.example.bank", keyId: key.keyId, teamId: key.teamId, environment: "production", privateKeyBase64: key.privateKeyBase64 },
  });
  expect(apns.status(), await apns.text()).toBe(200);

  // A phone registers its push token with its PowerAuth token (protocol §14).
  const registration = await createRegistration(request, app);
  const device = phone(app);
  await device.activate({ qr: registration.activationQrCodeData, version: "3.3" });
  expect((await request.post(`/v2/registrations/${registration.registrationId}/commit`, { headers: app.headers, data: {} })).status()).toBe(200);
  await device.createToken();
  const token = apnsToken();
  await device.registerPushToken({ platform: "ios", token, environment: "production" });

  const title = unique("Payment approved");
  const sent = await request.post("/push/message/send", {
    headers: app.headers,
    data: { requestObject: { appId: app.id, mode: "ASYNCHRONOUS", message: { userId: registration.userId, body: { title, body: "Your payment of 42 EUR was approved.", extras: { screen: "payments" } } } } },
  });
  expect(sent.status()).toBe(200);
  // The simulator accepted it before the log is read, so the log has Apple's answer, not a pending row.
  const [delivered] = await deliveriesTo("apns", token);
  expect(delivered!.payload).toMatchObject({ aps: { alert: { title } }, screen: "payments" });

  // The application's Push section now offers a test push, on APNs only.
  await page.goto(`/console/applications/${app.id}`);
  const testForm = page.getByRole("region", { name: "Push" }).getByRole("form", { name: "Send a test push" });
  await expect(testForm.getByLabel("Platform").locator("option")).toHaveText(["Apple (APNs)"]);
  await expect(testForm.getByLabel("APNs environment")).toBeVisible();

  await page.getByRole("region", { name: "Push" }).getByRole("link", { name: "Message log" }).click();
  const log = page.getByRole("table", { name: "Push messages" });
  const row = log.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Push Server API");
  await expect(row).toContainText(`User ${registration.userId}`);
  await expect(row).toContainText("high");
  // The fan-out found the one device, and Apple accepted it.
  await expect(row.getByRole("cell").nth(5)).toHaveText("1");
  await expect(row.getByRole("cell").nth(6)).toHaveText("1 sent · 0 pending · 0 failed");
  await expectNoAxeViolations(page, "the push message log");

  // Filtering by another user hides it.
  await page.getByLabel("User ID").fill("someone-else");
  await expect(log).toContainText("This user has been sent no push message in this application.");
  await page.getByLabel("User ID").fill(registration.userId);
  await expect(row).toBeVisible();

  await row.getByRole("link", { name: /open message/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Push message");
  await expect(page.getByTestId("push-message-overview")).toContainText(`User ${registration.userId}`);
  const content = page.getByRole("region", { name: "Content" });
  await expect(content.getByLabel("Message content")).toContainText(title);
  await expect(content.getByRole("group", { name: "Extras" })).toContainText('"screen": "payments"');
  const deliveries = page.getByRole("table", { name: "Deliveries" });
  const delivery = deliveries.getByRole("row").filter({ hasText: `${token.slice(0, 6)}…${token.slice(-6)}` });
  await expect(delivery).toContainText("APNs");
  await expect(delivery).toContainText("production");
  await expect(delivery).toContainText(registration.registrationId.slice(0, 8));
  await expect(delivery).toContainText(registration.userId);
  await expect(delivery.getByRole("cell").nth(3)).toHaveText("sent");
  await expect(delivery.getByRole("cell").nth(4)).toHaveText("Accepted by the provider");
  await expect(delivery.getByRole("cell").nth(5)).toHaveText("200");
  await expect(delivery.getByRole("cell").nth(6)).toHaveText("1");
  await expect(page.getByTestId("push-message-counts")).toContainText("1 sent · 0 pending · 0 failed");
  await expectNoAxeViolations(page, "a push message's page");

  // A viewer reads the log and the message, and is offered no test push.
  const viewer = await createStaffUser("VIEWER");
  const viewerContext = await page.context().browser()!.newContext();
  const viewerPage = await viewerContext.newPage();
  await signInPage(viewerPage, viewer);
  await viewerPage.goto(`/console/applications/${app.id}`);
  const viewerSection = viewerPage.getByRole("region", { name: "Push" });
  await expect(viewerSection.getByRole("listitem", { name: "Apple (APNs)" })).toContainText("key set");
  await expect(viewerSection.getByRole("form", { name: "Send a test push" })).toHaveCount(0);
  await viewerPage.goto(`/console/push/messages?app=${app.id}`);
  await expect(viewerPage.getByRole("table", { name: "Push messages" }).getByRole("row").filter({ hasText: title })).toBeVisible();
  await viewerContext.close();

  // An operator may send test pushes (push.send) without being allowed to change credentials.
  const operator = await createStaffUser("OPERATOR");
  const operatorContext = await page.context().browser()!.newContext();
  const operatorPage = await operatorContext.newPage();
  await signInPage(operatorPage, operator);
  await operatorPage.goto(`/console/applications/${app.id}`);
  const operatorSection = operatorPage.getByRole("region", { name: "Push" });
  await expect(operatorSection.getByRole("form", { name: "Send a test push" })).toBeVisible();
  await expect(operatorSection.getByRole("form", { name: "Set push credentials" })).toHaveCount(0);
  await operatorContext.close();
});
