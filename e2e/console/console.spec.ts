/**
 * The staff console in Chromium, as a bank's staff would use it: sign in, create an application,
 * add a role, create a credential and use it against the REST API, invite a viewer who then
 * cannot change anything, and find every change in the audit log. Every test signs in as its own
 * staff member, so a sign-out (which ends all of that person's sessions) stays within the test.
 */
import type { Page } from "@playwright/test";

import { basic, createStaffUser, expect, type StaffUser, signInWithForm as signIn, test, unique } from "../fixtures";

async function signInAsNewAdmin(page: Page): Promise<StaffUser> {
  const admin = await createStaffUser("ADMINISTRATOR", "Ada Admin");
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/console\/applications/);
  return admin;
}

test("unsigned visitors are sent to the sign-in page; wrong passwords are refused", async ({ page }) => {
  const member = await createStaffUser("VIEWER");
  await page.goto("/console/applications");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, member.email, "not-the-password");
  await expect(page.getByText("The e-mail or password is wrong, or sign-in is paused")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("an administrator creates an application, adds a role, and creates a credential that works on the API", async ({ page, request }) => {
  const id = unique("APP");
  const admin = await signInAsNewAdmin(page);

  await page.getByRole("button", { name: "New application" }).click();
  const dialog = page.getByRole("dialog", { name: "New application" });
  await dialog.getByLabel("Application ID").fill(id);
  await dialog.getByLabel("Roles (optional)").fill("ROLE_LOGIN");
  await dialog.getByRole("button", { name: "Create application" }).click();
  await expect(page.getByRole("heading", { name: id })).toBeVisible();
  await expect(page.getByRole("table", { name: "Versions" }).getByText("default", { exact: true })).toBeVisible();

  await page.getByLabel("New role").fill("ROLE_PAYMENTS");
  await page.getByRole("button", { name: "Add role" }).click();
  const roles = page.getByRole("list", { name: "Roles" });
  await expect(roles.getByText("ROLE_PAYMENTS")).toBeVisible();
  await expect(roles.getByText("ROLE_LOGIN")).toBeVisible();

  const credentials = page.getByRole("region", { name: "Integration credentials" });
  await credentials.getByRole("button", { name: "New credential" }).click();
  const credentialDialog = page.getByRole("dialog", { name: "New credential" });
  const name = unique("backend");
  await credentialDialog.getByLabel("Name").fill(name);
  await credentialDialog.getByRole("button", { name: "Create credential" }).click();
  const secret = page.getByTestId("secret-once");
  await expect(secret).toBeVisible();
  const username = await secret.getByLabel("User name").inputValue();
  const password = await secret.getByLabel("Password").inputValue();
  expect(username).toBe(name);
  expect(password).toMatch(/^\S{43}$/);
  await secret.getByRole("button", { name: "Done, I have stored it" }).click();
  await expect(page.getByTestId("secret-once")).toHaveCount(0);
  await expect(page.getByRole("table", { name: `Credentials of ${id}` }).getByText(name)).toBeVisible();

  // The application credential authenticates (the admin API then says it lacks admin scope) …
  const asApp = await request.get("/admin/applications", { headers: basic({ username, password }) });
  expect(asApp.status()).toBe(403);
  // … an admin credential made in the console reads the application through the admin API.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Credentials" }).click();
  // Wait for the credentials page: the application page has a "New credential" button too, whose
  // dialog (bound to the application, without a scope) would open if clicked mid-navigation.
  await expect(page).toHaveURL(/\/console\/credentials$/);
  await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();
  await page.getByRole("button", { name: "New credential" }).click();
  const adminDialog = page.getByRole("dialog", { name: "New credential" });
  const adminName = unique("ops");
  await adminDialog.getByLabel("Name").fill(adminName);
  await adminDialog.getByLabel("Scope").selectOption("ADMIN");
  await adminDialog.getByRole("button", { name: "Create credential" }).click();
  const adminPassword = await page.getByTestId("secret-once").getByLabel("Password").inputValue();
  const detail = await request.get(`/admin/applications/${id}`, { headers: basic({ username: adminName, password: adminPassword }) });
  expect(detail.status()).toBe(200);
  expect(await detail.json()).toMatchObject({ id, roles: ["ROLE_LOGIN", "ROLE_PAYMENTS"] });
  await page.getByRole("button", { name: "Done, I have stored it" }).click();

  // Revoking in the console stops the credential at once.
  await page.getByRole("button", { name: `Revoke ${adminName}` }).click();
  await page.getByRole("dialog", { name: `Revoke credential “${adminName}”?` }).getByRole("button", { name: "Revoke credential" }).click();
  await expect(page.getByTestId("flash")).toContainText(adminName);
  const revoked = await request.get(`/admin/applications/${id}`, { headers: basic({ username: adminName, password: adminPassword }) });
  expect(revoked.status()).toBe(401);

  // Every change is in the audit log with the administrator as actor.
  await page.goto(`/console/audit?applicationId=${id}`);
  const entries = page.getByRole("table", { name: "Audit entries" });
  for (const action of ["application.create", "application.roles.add", "credential.create"]) {
    await expect(entries.getByRole("row").filter({ hasText: action }).filter({ hasText: admin.email }).first()).toBeVisible();
  }
  await page.getByRole("button", { name: "Verify chain now" }).click();
  await expect(page.getByTestId("flash")).toContainText("Audit chain verified");
});

test("a viewer can look at everything and change nothing", async ({ browser, page }) => {
  const id = unique("VIEWED");
  await signInAsNewAdmin(page);
  await page.getByRole("button", { name: "New application" }).click();
  await page.getByRole("dialog", { name: "New application" }).getByLabel("Application ID").fill(id);
  await page.getByRole("dialog", { name: "New application" }).getByRole("button", { name: "Create application" }).click();
  await expect(page.getByRole("heading", { name: id })).toBeVisible();

  // The administrator invites a viewer and passes on the one-time password.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Staff" }).click();
  await page.getByRole("button", { name: "Invite" }).click();
  const invite = page.getByRole("dialog", { name: "Invite staff member" });
  const email = `${unique("viewer")}@bank.test`;
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByLabel("Name").fill("Vera Viewer");
  await invite.getByLabel("Role").selectOption("VIEWER");
  await invite.getByRole("button", { name: "Invite" }).click();
  const oneTime = await page.getByTestId("secret-once").getByLabel("One-time password").inputValue();

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, email, oneTime);
  await expect(viewer.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await viewer.getByLabel("Current password").fill(oneTime);
  await viewer.getByLabel("New password").fill("Viewer-chosen-passphrase-1");
  await viewer.getByLabel("Repeat password").fill("Viewer-chosen-passphrase-1");
  await viewer.getByRole("button", { name: "Set new password" }).click();
  await expect(viewer).toHaveURL(/\/login/);
  await signIn(viewer, email, "Viewer-chosen-passphrase-1");
  await expect(viewer).toHaveURL(/\/console\/applications/);

  // Reads work; no write control is offered anywhere.
  await expect(viewer.getByRole("button", { name: "New application" })).toHaveCount(0);
  await viewer.goto(`/console/applications/${id}`);
  await expect(viewer.getByRole("heading", { name: id })).toBeVisible();
  await expect(viewer.getByRole("table", { name: "Versions" }).getByText("default", { exact: true })).toBeVisible();
  for (const name of ["Add version", "Add role", "Save configuration", "New credential", "Mark version default unsupported", "Rotate"]) {
    await expect(viewer.getByRole("button", { name })).toHaveCount(0);
  }
  await viewer.goto("/console/staff");
  await expect(viewer.getByRole("table", { name: "Staff" }).getByText(email)).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await viewer.goto("/console/credentials");
  await expect(viewer.getByRole("button", { name: "New credential" })).toHaveCount(0);
  await viewer.goto("/console/audit");
  await expect(viewer.getByRole("button", { name: "Verify chain now" })).toHaveCount(0);

  // And the server refuses a change sent behind the UI's back.
  const forged = await viewer.request.post("/api/trpc/applications.addRoles", {
    data: { json: { id, roles: ["FORGED"] } },
    headers: { "content-type": "application/json" },
  });
  expect(forged.status()).toBe(403);
  const view = await viewer.request.get(`/api/trpc/applications.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`);
  expect((await view.json()).result.data.json.roles).toEqual([]);
  await viewerContext.close();

  // The administrator sees the invitation and the viewer's own password change in the audit log.
  await page.goto("/console/audit");
  await page.getByLabel("Action", { exact: true }).selectOption("staff.*");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const entries = page.getByRole("table", { name: "Audit entries" });
  await expect(entries.getByRole("row").filter({ hasText: "staff.invite" }).first()).toBeVisible();
  await expect(entries.getByRole("row").filter({ hasText: "staff.password-change" }).filter({ hasText: email })).toBeVisible();
});

test("every area of the product is in the navigation; unbuilt ones say so", async ({ page }) => {
  await signInAsNewAdmin(page);
  const nav = page.getByRole("navigation", { name: "Console" });
  for (const area of ["Applications", "Credentials", "Operation templates", "Customer support", "Registrations", "Operations", "Push", "Campaigns", "Inbox", "Callbacks", "Telemetry", "Audit log", "Staff", "Account"]) {
    await expect(nav.getByRole("link", { name: area, exact: false }).first()).toBeVisible();
  }
  await nav.getByRole("link", { name: /Campaigns/ }).click();
  await expect(page.getByRole("region", { name: "Not built yet" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/console/applications");
  await expect(page).toHaveURL(/\/login/);
});

test("the console API refuses writes from another site", async ({ request }) => {
  const response = await request.post("/api/trpc/applications.create", {
    data: { json: { id: unique("csrf"), roles: [] } },
    headers: { "content-type": "application/json", origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
});
