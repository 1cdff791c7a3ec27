/**
 * axe-core on every console page (and the sign-in and 404 pages), with dialogs open where a page
 * has them, failing on any violation; and the tables at 1024 px wide, which must fit without
 * scrolling sideways. The audit log page is checked in audit.spec.ts.
 */
import type { Page } from "@playwright/test";

import { expect, test, trpcCall, unique } from "../fixtures";

import { expectNoAxeViolations } from "./axe";

// Registrations, operations, templates, push and the support page have their own axe checks in their specs.
const NOT_BUILT_YET = ["campaigns", "inbox", "callbacks", "telemetry"];

// One axe run takes a few seconds on a busy two-core machine; these tests run many.
test.describe.configure({ timeout: 120_000 });

async function seed(page: Page) {
  const id = unique("AXE");
  await trpcCall(page.request, "applications.create", { id, roles: ["ROLE_LOGIN", "ROLE_PAYMENTS"] });
  await trpcCall(page.request, "applications.createVersion", { id, name: "2.4.0" });
  await trpcCall(page.request, "applications.setConfig", { id, key: "fido2_attestation_fmt_allowed", values: ["packed", "apple"] });
  const credential = await trpcCall<{ id: string; username: string }>(page.request, "credentials.create", {
    scope: "APPLICATION",
    name: unique("axe-backend"),
    applicationId: id,
  });
  await trpcCall(page.request, "credentials.rotate", { id: credential.id, graceSeconds: 3600 });
  return { id, credential };
}

test("applications and an application's page pass axe, with their dialogs", async ({ page, staffAdmin }) => {
  void staffAdmin;
  const { id, credential } = await seed(page);
  await page.goto("/console/applications");
  await expect(page.getByRole("table", { name: "Applications" }).getByRole("link").first()).toBeVisible();
  await expectNoAxeViolations(page, "applications");
  await page.getByRole("button", { name: "New application" }).click();
  await page.getByRole("dialog", { name: "New application" }).getByRole("button", { name: "Create application" }).click();
  await expect(page.getByRole("dialog", { name: "New application" }).getByTestId("field-error")).toBeVisible();
  await expectNoAxeViolations(page, "new application dialog with errors");

  await page.goto(`/console/applications/${id}`);
  await expect(page.getByRole("table", { name: `Credentials of ${id}` }).getByText(credential.username)).toBeVisible();
  await expectNoAxeViolations(page, "application detail");
  await page.getByRole("button", { name: "Mark version 2.4.0 unsupported" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "confirm dialog");
});

test("credentials pass axe, with the create and rotate dialogs and the new password", async ({ page, staffAdmin }) => {
  void staffAdmin;
  const { credential } = await seed(page);
  await page.goto("/console/credentials");
  await expect(page.getByRole("table", { name: "Credentials" }).getByText(credential.username)).toBeVisible();
  await expectNoAxeViolations(page, "credentials");
  await page.getByRole("button", { name: "New credential" }).click();
  await expect(page.getByRole("dialog", { name: "New credential" }).getByLabel("Application")).toBeVisible();
  await expectNoAxeViolations(page, "new credential dialog");
  await page.getByRole("dialog", { name: "New credential" }).getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: `Rotate password of ${credential.username}` }).click();
  await expectNoAxeViolations(page, "rotate dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Rotate password" }).click();
  await expect(page.getByTestId("secret-once")).toBeVisible();
  await expectNoAxeViolations(page, "new password panel");
});

test("staff and account pass axe, with the invite dialog and form errors", async ({ page, staffAdmin }) => {
  await page.goto("/console/staff");
  await expect(page.getByRole("table", { name: "Staff" }).getByText(staffAdmin.email)).toBeVisible();
  await expectNoAxeViolations(page, "staff");
  await page.getByRole("button", { name: "Invite" }).click();
  await expectNoAxeViolations(page, "invite dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await page.goto("/console/account");
  await expect(page.getByRole("region", { name: "Change password" })).toBeVisible();
  await expectNoAxeViolations(page, "account");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "account with form errors");
});

test("every not-built-yet page and the console's 404 pass axe", async ({ page, staffAdmin }) => {
  void staffAdmin;
  for (const area of NOT_BUILT_YET) {
    await page.goto(`/console/${area}`);
    await expect(page.getByRole("region", { name: "Not built yet" })).toBeVisible();
    await expectNoAxeViolations(page, `${area} (not built yet)`);
  }
  await page.goto("/console/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(page, "console 404");
});

test("the sign-in page and the 404 page outside the console pass axe", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page, "sign-in");
  await page.getByLabel("E-mail").fill("nobody@bank.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The e-mail or password is wrong, or sign-in is paused")).toBeVisible();
  await expectNoAxeViolations(page, "sign-in with an error");
  await page.goto("/no-such-page");
  await expectNoAxeViolations(page, "404 outside the console");
});

test.describe("at 1024 px", () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("every table fits without scrolling sideways", async ({ page, staffAdmin }, testInfo) => {
    void staffAdmin;
    const { id, credential } = await seed(page);
    // A newcomer who has not chosen a password yet, sorted first by e-mail: the widest status cell
    // ("Must change password") is always on the staff table's first page.
    await trpcCall(page.request, "staff.invite", { email: `aaa-${unique("newcomer")}@bank.test`, name: "Pending Newcomer", role: "VIEWER" });
    const pages = [
      { path: "/console/applications", ready: page.getByRole("table", { name: "Applications" }).getByRole("link").first() },
      { path: `/console/applications/${id}`, ready: page.getByText(credential.username) },
      { path: "/console/credentials", ready: page.getByRole("table", { name: "Credentials" }).getByText(credential.username) },
      { path: "/console/staff", ready: page.getByRole("table", { name: "Staff" }).getByRole("row").nth(1) },
    ];
    for (const { path, ready } of pages) {
      await page.goto(path);
      await expect(ready).toBeVisible();
      const overflowing = await page.locator("table").evaluateAll((tables) =>
        tables
          .map((table) => ({ name: table.querySelector("caption")?.textContent ?? "", box: table.parentElement! }))
          .filter(({ box }) => box.scrollWidth > box.clientWidth + 1)
          .map(({ name, box }) => `${name}: ${box.scrollWidth}px in ${box.clientWidth}px`),
      );
      expect(overflowing, `tables wider than the page at ${path}`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`${path.split("/").at(-1)}-1024.png`), fullPage: true });
    }
  });
});
