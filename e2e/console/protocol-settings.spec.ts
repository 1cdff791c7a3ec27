/**
 * An application's protocol settings in the console (powerauth-protocol.md §16): shown with the
 * protocol's defaults, edited by administrators with errors on their fields, a confirmation before
 * a protocol version is taken away, and read-only for everyone else.
 */
import { expectNoAxeViolations } from "./axe";
import { basic, createStaffUser, expect, signInPage, test, unique } from "../fixtures";

test("an administrator changes the protocol settings; taking a version away is confirmed; a viewer only reads them", async ({ page, browser, staffAdmin, request, adminCredential }) => {
  void staffAdmin;
  const id = unique("SETTINGS");
  expect((await request.post("/admin/applications", { headers: basic(adminCredential), data: { id } })).status()).toBe(200);

  await page.goto(`/console/applications/${id}`);
  const section = page.getByRole("region", { name: "Protocol settings" });
  const activation = section.getByLabel("Activation time (seconds)");
  const attempts = section.getByLabel("Maximum failed attempts");
  const lookAhead = section.getByLabel("Signature look-ahead");
  await expect(activation).toHaveValue("300");
  await expect(attempts).toHaveValue("5");
  await expect(lookAhead).toHaveValue("20");
  for (const version of ["3.0", "3.1", "3.2", "3.3"]) await expect(section.getByLabel(version, { exact: true })).toBeChecked();
  const save = section.getByRole("button", { name: "Save protocol settings" });
  await expect(save).toBeDisabled(); // nothing changed yet

  // Out of bounds: the server's message lands on the field, in plain words.
  await activation.fill("10");
  await save.click();
  await expect(activation).toHaveAttribute("aria-invalid", "true");
  await expect(section).toContainText("The activation time must be at least 60.");
  await expect(activation).toBeFocused();

  // Good values, and 3.0 and 3.1 taken away: confirmed first, with what it means for phones.
  await activation.fill("600");
  await attempts.fill("3");
  await lookAhead.fill("10");
  await section.getByLabel("3.0", { exact: true }).uncheck();
  await section.getByLabel("3.1", { exact: true }).uncheck();
  await save.click();
  const dialog = page.getByRole("dialog", { name: /Stop protocol versions/ });
  await expect(dialog).toContainText("that use protocol 3.0 or 3.1 can no longer activate, sign");
  await expectNoAxeViolations(page, "the protocol settings confirmation");
  await dialog.getByRole("button", { name: "Save and stop them" }).click();
  await expect(page.getByTestId("flash")).toContainText("Protocol settings saved.");

  await page.reload();
  await expect(activation).toHaveValue("600");
  await expect(attempts).toHaveValue("3");
  await expect(lookAhead).toHaveValue("10");
  await expect(section.getByLabel("3.0", { exact: true })).not.toBeChecked();
  await expect(section.getByLabel("3.3", { exact: true })).toBeChecked();
  await expectNoAxeViolations(page, "an application's page with its protocol settings");

  // No version at all cannot be saved.
  await section.getByLabel("3.2", { exact: true }).uncheck();
  await section.getByLabel("3.3", { exact: true }).uncheck();
  await expect(section.getByRole("alert")).toContainText("Tick at least one version");
  await expect(save).toBeDisabled();

  // The change is in the audit log.
  await page.goto(`/console/audit?applicationId=${encodeURIComponent(id)}`);
  await expect(page.getByRole("cell", { name: "application.protocol-settings" }).first()).toBeVisible();

  // A viewer sees the values and cannot change them.
  const viewer = await createStaffUser("VIEWER");
  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await signInPage(viewerPage, viewer);
  await viewerPage.goto(`/console/applications/${id}`);
  const viewerSection = viewerPage.getByRole("region", { name: "Protocol settings" });
  await expect(viewerSection.getByLabel("Activation time (seconds)")).toHaveValue("600");
  await expect(viewerSection.getByLabel("Activation time (seconds)")).toBeDisabled();
  await expect(viewerSection.getByLabel("3.3", { exact: true })).toBeDisabled();
  await expect(viewerSection.getByRole("button", { name: "Save protocol settings" })).toHaveCount(0);
  await context.close();
});
