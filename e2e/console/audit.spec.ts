/**
 * The audit log page in Chromium: an administrator of its own makes changes, finds them with the
 * dropdown filters and the actor filter, pages older and newer by keyset with the state in the
 * address (so Back and reloads keep it), sees names instead of ids and times with their zone,
 * exports the filtered entries as CSV and JSON Lines, verifies the chain, and the page has no
 * accessibility violations.
 */
import fs from "node:fs";

import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";

import { E2E } from "../e2e-settings";
import { expect, test, unique } from "../fixtures";

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A console call as the signed-in browser makes it (tRPC over HTTP, superjson envelope). */
async function trpc<T = unknown>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { "content-type": "application/json" } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()).result.data.json as T;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the audit log finds, pages, names and exports entries, and passes axe", async ({ browser, page }) => {
  test.setTimeout(120_000);

  // The first administrator invites an administrator for this test, so no other test's sign-out ends its session.
  await signIn(page, E2E.adminEmail, E2E.adminPassword);
  await expect(page).toHaveURL(/\/console\/applications/);
  const email = `${unique("auditor")}@bank.test`;
  const invited = await trpc<{ temporaryPassword: string }>(page.request, "staff.invite", { email, name: "Audra Auditor", role: "ADMINISTRATOR" });
  const context = await browser.newContext();
  const auditor = await context.newPage();
  await signIn(auditor, email, invited.temporaryPassword);
  await auditor.getByLabel("Current password").fill(invited.temporaryPassword);
  await auditor.getByLabel("New password").fill("Auditor-chosen-passphrase-1");
  await auditor.getByLabel("Repeat password").fill("Auditor-chosen-passphrase-1");
  await auditor.getByRole("button", { name: "Set new password" }).click();
  await expect(auditor).toHaveURL(/\/login/);
  await signIn(auditor, email, "Auditor-chosen-passphrase-1");
  await expect(auditor).toHaveURL(/\/console\/applications/);

  // Changes: an application, 52 roles one by one (more than a page of 50), and a credential.
  const appId = unique("AUDITED");
  await trpc(auditor.request, "applications.create", { id: appId, roles: [] });
  for (let i = 0; i < 52; i++) await trpc(auditor.request, "applications.addRoles", { id: appId, roles: [`ROLE_${String(i).padStart(2, "0")}`] });
  const credentialName = unique("audited-backend");
  await trpc(auditor.request, "credentials.create", { scope: "APPLICATION", name: credentialName, applicationId: appId });

  // Filter with the dropdown and the actor field; the filter goes into the address.
  await auditor.goto("/console/audit");
  const filters = auditor.getByRole("form", { name: "Audit filters" });
  await filters.getByLabel("Action", { exact: true }).selectOption("application.roles.add");
  await filters.getByLabel("Actor").fill(email);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(auditor).toHaveURL(/action=application\.roles\.add/);
  await expect(auditor).toHaveURL(new RegExp(`actor=${encodeURIComponent(email)}`));
  const entries = auditor.getByRole("table", { name: "Audit entries" });
  const rows = entries.locator("tbody > tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(email);
  // Times carry their zone.
  await expect(rows.first().locator("time")).toHaveText(/\d{2}:\d{2}:\d{2}\s+\S+$/);
  await expectNoAxeViolations(auditor);

  // Keyset paging: older, then the page survives a reload and a visit elsewhere (Back).
  const pages = auditor.getByRole("navigation", { name: "Pages of audit entries" });
  await expect(pages.getByRole("button", { name: "Newer entries" })).toBeDisabled();
  await pages.getByRole("button", { name: "Older entries" }).click();
  await expect(auditor).toHaveURL(/before=\d+/);
  await expect(rows).toHaveCount(2);
  await expect(pages.getByRole("button", { name: "Older entries" })).toBeDisabled();
  await auditor.reload();
  await expect(rows).toHaveCount(2);
  await expect(auditor.getByRole("form", { name: "Audit filters" }).getByLabel("Actor")).toHaveValue(email);
  const olderUrl = auditor.url();
  await rows.first().getByRole("link", { name: appId, exact: true }).click();
  await expect(auditor.getByRole("heading", { name: appId })).toBeVisible();
  await auditor.goBack();
  await expect(auditor).toHaveURL(olderUrl);
  await expect(rows).toHaveCount(2);
  await pages.getByRole("button", { name: "Newer entries" }).click();
  await expect(auditor).toHaveURL(/after=\d+/);
  await expect(rows).toHaveCount(50);

  // Names instead of ids: the credential by its user name, the auditor (target of its own password change) by e-mail.
  await auditor.goto(`/console/audit?actor=${encodeURIComponent(email)}&targetType=credential`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link", { name: credentialName })).toBeVisible();
  await auditor.goto(`/console/audit?actor=${encodeURIComponent(email)}&action=staff.password-change`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link", { name: email })).toHaveCount(2);
  await rows.first().getByRole("button", { name: /Details of entry/ }).click();
  await expect(entries.getByText("Keyed (HMAC-SHA256 under the chain key)")).toBeVisible();
  await expectNoAxeViolations(auditor);

  // A value the page cannot use is named, not sent.
  await auditor.goto("/console/audit?before=not-a-number&targetType=credential");
  await expect(auditor.getByText("they are left out: before")).toBeVisible();

  // Export the filtered entries, both formats, and check what is in them.
  await auditor.goto(`/console/audit?action=application.roles.add&actor=${encodeURIComponent(email)}`);
  await expect(rows).toHaveCount(50);
  const download = async (name: string) => {
    const [file] = await Promise.all([auditor.waitForEvent("download"), auditor.getByRole("link", { name }).click()]);
    return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path()), "utf8") };
  };
  const csv = await download("Export CSV");
  expect(csv.name).toMatch(/^guardline-audit-.*\.csv$/);
  const csvLines = csv.text.trimEnd().split("\r\n");
  expect(csvLines[0]).toBe("id,createdAt,actorType,actorId,actorLabel,action,targetType,targetId,targetName,applicationId,requestId,before,after,hashVersion,prevHash,hash");
  expect(csvLines).toHaveLength(53);
  expect(csvLines[1]).toContain(`,STAFF,`);
  expect(csvLines[1]).toContain(`,${email},application.roles.add,application,${appId},`);
  expect(csvLines[1]).toContain("ROLE_00");
  const jsonl = await download("Export JSON Lines");
  expect(jsonl.name).toMatch(/\.jsonl$/);
  const records = jsonl.text.trimEnd().split("\n").map((line) => JSON.parse(line));
  expect(records).toHaveLength(52);
  expect(records.every((record) => record.action === "application.roles.add" && record.actorLabel === email && record.hashVersion === 2)).toBe(true);
  // Oldest first: each entry adds the next role.
  expect(records[0].after.roles).toEqual(["ROLE_00"]);
  expect(records[51].after.roles).toHaveLength(52);
  expect(records[51].before.roles).toHaveLength(51);

  // Exports are audited; the export route refuses bad input and strangers plainly.
  await auditor.goto(`/console/audit?action=audit.export&actor=${encodeURIComponent(email)}`);
  await expect(rows).toHaveCount(2);
  expect((await auditor.request.get("/console/audit/export?format=xml")).status()).toBe(400);
  expect((await auditor.request.get("/console/audit/export?format=csv&from=yesterday")).status()).toBe(400);
  const stranger = await browser.newContext();
  expect((await stranger.request.get(`${E2E.baseUrl}/console/audit/export?format=csv`)).status()).toBe(401);
  await stranger.close();

  // Verify the chain: the panel shows the head to keep elsewhere.
  await auditor.getByRole("button", { name: "Verify chain now" }).click();
  await expect(auditor.getByTestId("flash")).toContainText("Audit chain verified");
  await expect(auditor.getByTestId("latest-verification")).toContainText(/\d+:[0-9a-f]{64}/);
  await expectNoAxeViolations(auditor);
  await context.close();
});
