/**
 * Operations and their templates in the console: an administrator writes a template with the live
 * preview, a backend creates an operation over REST that a simulated phone approves (the console
 * shows APPROVED), staff create a test operation and cancel it (the phone no longer lists it), and
 * a viewer reads all of it without a single control that changes anything.
 */
import type { Page } from "@playwright/test";

import { createRegistration, makeTestApp, phone, type TestApp } from "../api/registration-setup";
import { createStaffUser, expect, signInPage, test, unique } from "../fixtures";
import { expectNoAxeViolations } from "./axe";

const PAYMENT = { amount: "1492.50", currency: "EUR", iban: "CZ2730300000001165254011" };

async function activePhone(request: Parameters<typeof makeTestApp>[0], app: TestApp) {
  const created = await createRegistration(request, app);
  const device = phone(app);
  await device.activate({ qr: created.activationQrCodeData, version: "3.3" });
  expect((await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers })).status()).toBe(200);
  return { device, userId: created.userId };
}

async function writeTemplate(page: Page, name: string) {
  await page.goto("/console/templates");
  await page.getByRole("link", { name: "New template" }).click();
  await expect(page).toHaveURL(/\/console\/templates\/edit$/);
  const form = page.getByRole("form", { name: "Operation template" });
  await form.getByLabel("Name").fill(name);
  // The preview follows the draft: the example texts with the sample parameters filled in.
  const preview = page.getByTestId("phone-preview");
  await expect(preview).toContainText("Confirm payment");
  await expect(preview).toContainText("100.00 EUR");
  await page.getByRole("region", { name: "Preview" }).getByLabel("amount").fill("250.00");
  await expect(preview).toContainText("250.00 EUR");
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("A1*A250.00EUR*ICZ6508000000192000145399");
  // Texts that are not JSON are explained, and nothing is sent.
  const texts = form.getByLabel("Texts per language (JSON)");
  const good = await texts.inputValue();
  await texts.fill("{ not json");
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("The texts are not valid JSON");
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(texts).toHaveAttribute("aria-invalid", "true");
  await texts.fill(good);
  await form.getByLabel("Swap the Approve and Reject buttons").check();
  await expectNoAxeViolations(page, "the template editor");
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByTestId("flash")).toContainText(`Template “${name}” created.`);
  await expect(page).toHaveURL(new RegExp(`/console/templates/edit\\?name=${name}`));
}

test("a template written in the console serves an operation that the phone approves; staff create and cancel a test operation", async ({ page, request, staffAdmin, adminCredential }) => {
  test.setTimeout(120_000);
  void staffAdmin;
  const template = unique("console-payment");
  await writeTemplate(page, template);
  await page.goto("/console/templates");
  await expect(page.getByRole("table", { name: "Operation templates" }).getByRole("link", { name: template })).toBeVisible();
  await expectNoAxeViolations(page, "the templates list");

  const app = await makeTestApp(request, adminCredential);
  const { device, userId } = await activePhone(request, app);

  // A backend creates an operation; the console lists it as PENDING; the phone approves it.
  const created = await request.post("/v2/operations", { headers: app.headers, data: { userId, template, parameters: PAYMENT } });
  expect(created.status(), await created.text()).toBe(200);
  const operation = (await created.json()) as { operationId: string };
  await page.goto(`/console/operations?user=${encodeURIComponent(userId)}`);
  const table = page.getByRole("table", { name: "Operations" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("PENDING");
  await expectNoAxeViolations(page, "the operations list");
  await table.getByRole("link", { name: `Operation ${operation.operationId}` }).click();
  await expect(page.getByTestId("operation-status")).toContainText("PENDING");
  await expect(page.getByRole("region", { name: "Data" })).toContainText("A1*A1492.50EUR*ICZ2730300000001165254011");
  await expectNoAxeViolations(page, "an operation's page");

  const [listed] = await device.listOperations();
  expect(listed!.formData.title).toBe("Confirm payment");
  await device.approveOperation(listed!, { factors: "possession_knowledge" });
  await page.reload();
  await expect(page.getByTestId("operation-status")).toContainText("APPROVED");
  await expect(page.getByRole("table", { name: "Operation history" })).toContainText("the phone");
  await expect(page.getByRole("button", { name: "Cancel operation" })).toHaveCount(0);

  // Staff create a test operation from the template, then cancel it.
  await page.goto("/console/operations");
  await page.getByRole("button", { name: "New test operation" }).click();
  const dialog = page.getByRole("dialog", { name: "New test operation" });
  await dialog.getByLabel("Application").selectOption(app.id);
  await dialog.getByLabel("User ID").fill(userId);
  await dialog.getByLabel("Template").selectOption(template);
  await dialog.getByRole("button", { name: "Create operation" }).click();
  await expect(dialog.getByLabel("amount")).toHaveAttribute("aria-invalid", "true"); // every parameter is asked for
  await dialog.getByLabel("amount").fill("10.00");
  await dialog.getByLabel("currency").fill("CZK");
  await dialog.getByLabel("iban").fill("CZ6508000000192000145399");
  await expectNoAxeViolations(page, "the new test operation dialog");
  await dialog.getByRole("button", { name: "Create operation" }).click();
  await expect(page).toHaveURL(/\/console\/operations\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("operation-status")).toContainText("PENDING");
  expect((await device.listOperations()).map((item) => item.data)).toEqual(["A1*A10.00CZK*ICZ6508000000192000145399"]);
  await page.getByRole("button", { name: "Cancel operation" }).click();
  const confirm = page.getByRole("dialog", { name: /Cancel operation/ });
  await expect(confirm).toContainText("The customer can no longer approve or reject it");
  await confirm.getByRole("button", { name: "Cancel operation" }).click();
  await expect(page.getByTestId("flash")).toContainText("Operation canceled.");
  await expect(page.getByTestId("operation-status")).toContainText("CANCELED");
  expect(await device.listOperations()).toEqual([]);

  // A template in use cannot be deleted; the reason is shown.
  await page.goto(`/console/templates/edit?name=${template}`);
  await page.getByRole("button", { name: "Delete template" }).click();
  const deletion = page.getByRole("dialog", { name: /Delete template/ });
  await deletion.getByRole("button", { name: "Delete template" }).click();
  await expect(deletion).toContainText("cannot be deleted");
  await deletion.getByRole("button", { name: "Cancel" }).click();

  // A viewer sees all of it and can change none of it.
  const viewer = await createStaffUser("VIEWER");
  const viewerContext = await page.context().browser()!.newContext();
  const viewerPage = await viewerContext.newPage();
  await signInPage(viewerPage, viewer);
  await viewerPage.goto("/console/operations");
  await expect(viewerPage.getByRole("table", { name: "Operations" })).toContainText(template);
  await expect(viewerPage.getByRole("button", { name: "New test operation" })).toHaveCount(0);
  await viewerPage.goto(`/console/operations/${operation.operationId}`);
  await expect(viewerPage.getByTestId("operation-status")).toContainText("APPROVED");
  await viewerPage.goto(`/console/templates/edit?name=${template}`);
  await expect(viewerPage.getByRole("form", { name: "Operation template" }).getByLabel("Operation type")).toBeDisabled();
  await expect(viewerPage.getByRole("button", { name: "Save template" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Delete template" })).toHaveCount(0);
  await expect(viewerPage.getByTestId("phone-preview")).toContainText("Confirm payment");
  await viewerContext.close();
});
