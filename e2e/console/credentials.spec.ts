/**
 * Credentials as staff work with them all day: a list that pages, searches, filters and sorts
 * with its state in the URL (Back and shared links restore it), creation that defaults to the
 * narrowest scope, and rotation with a grace period, checked against the REST API.
 */
import type { Page } from "@playwright/test";

import { basic, expect, test, trpcCall, unique } from "../fixtures";

interface Created {
  id: string;
  username: string;
  password: string;
}

/** Through the console API as the test's administrator: quicker than the CLI for many at once. */
function createCredential(page: Page, name: string, scope: { admin: true } | { app: string }): Promise<Created> {
  return trpcCall<Created>(page.request, "credentials.create", "admin" in scope ? { scope: "ADMIN", name } : { scope: "APPLICATION", name, applicationId: scope.app });
}

async function createApplication(page: Page, id: string): Promise<void> {
  await trpcCall(page.request, "applications.create", { id, roles: [] });
}

test("the list pages, searches, filters and sorts, and keeps all of it in the URL", async ({ page, staffAdmin }) => {
  test.setTimeout(90_000);
  void staffAdmin;
  const tag = unique("lst").toLowerCase();
  const app = unique("CREDAPP");
  await createApplication(page, app);
  // 27 application credentials and one admin credential, all with the tag: more than one page of 25.
  for (let i = 0; i < 27; i++) await createCredential(page, `${tag}-app-${String(i).padStart(2, "0")}`, { app });
  await createCredential(page, `${tag}-admin`, { admin: true });

  await page.goto("/console/credentials");
  const table = page.getByRole("table", { name: "Credentials" });
  await page.getByLabel("Search user names").fill(tag);
  await expect(page).toHaveURL(new RegExp(`search=${tag}`));
  await expect(page.getByText("1–25 of 28 credentials")).toBeVisible();

  // Sort by user name, A to Z, then go to page 2.
  await table.getByRole("columnheader", { name: "User name" }).getByRole("button").click();
  await expect(table.getByRole("columnheader", { name: "User name" })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.getByRole("row").nth(1)).toContainText(`${tag}-admin`);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText("26–28 of 28 credentials")).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText(`${tag}-app-24`);
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=username/);

  // Away to an application and Back: the same page, sort and search.
  const shared = page.url();
  await table.getByRole("link", { name: app }).first().click();
  await expect(page.getByRole("heading", { name: app })).toBeVisible();
  await page.goBack();
  await expect(page.getByText("26–28 of 28 credentials")).toBeVisible();
  await expect(page.getByLabel("Search user names")).toHaveValue(tag);

  // A shared link opens the same view in a fresh page.
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByText("26–28 of 28 credentials")).toBeVisible();
  await expect(other.getByRole("columnheader", { name: "User name" })).toHaveAttribute("aria-sort", "ascending");
  await other.close();

  // Filters: scope, application and status; each goes back to page 1.
  await page.getByLabel("Scope").selectOption("ADMIN");
  await expect(page.getByText("1–1 of 1 credentials")).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText(`${tag}-admin`);
  await expect(page).not.toHaveURL(/page=2/);
  await page.getByLabel("Scope").selectOption("all");
  await page.getByLabel("Application").selectOption(app);
  await expect(page.getByText("1–25 of 27 credentials")).toBeVisible();
  await trpcCall(page.request, "credentials.revoke", {
    id: (await trpcCall<{ items: { id: string }[] }>(page.request, "credentials.list", { search: `${tag}-app-00` }, "query")).items[0]!.id,
  });
  await page.getByLabel("Status").selectOption("revoked");
  await expect(page.getByText("1–1 of 1 credentials")).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText("Revoked");
  await expect(page).toHaveURL(new RegExp(`application=${app}.*status=revoked|status=revoked.*application=${app}`));

  await page.getByLabel("Search user names").fill("no-such-credential-anywhere");
  await expect(table.getByText("No credentials match these filters.")).toBeVisible();
});

test("a new credential is for one application unless the administrator chooses the admin API", async ({ page, staffAdmin, request }) => {
  void staffAdmin;
  const app = unique("SCOPED");
  await createApplication(page, app);
  await page.goto("/console/credentials");
  await page.getByRole("button", { name: "New credential" }).click();
  const dialog = page.getByRole("dialog", { name: "New credential" });
  await expect(dialog.getByLabel("Scope")).toHaveValue("APPLICATION");

  // Nothing chosen: the problems are on their fields, tied to them for screen readers.
  await dialog.getByRole("button", { name: "Create credential" }).click();
  const nameField = dialog.getByLabel("Name");
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(nameField).toBeFocused();
  const described = await nameField.getAttribute("aria-describedby");
  expect(described).toBeTruthy();
  await expect(page.locator(`[id="${described!.split(" ")[0]}"]`)).toHaveText("Enter a name.");
  await expect(dialog.getByLabel("Application")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByTestId("form-error")).toHaveText("Check the marked fields.");

  // A taken name is the server's answer, shown on the name.
  const taken = unique("taken");
  await createCredential(page, taken, { admin: true });
  await nameField.fill(taken);
  await dialog.getByLabel("Application").selectOption(app);
  await dialog.getByRole("button", { name: "Create credential" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveText(`A credential named ${taken} already exists.`);

  const name = unique("app-backend");
  await nameField.fill(name);
  await dialog.getByRole("button", { name: "Create credential" }).click();
  const secret = page.getByTestId("secret-once");
  const password = await secret.getByLabel("Password").inputValue();
  await expect(secret).toContainText(`application “${app}”`);
  // Bound to its application: the admin API refuses it (403, not 401: it did authenticate).
  expect((await request.get("/admin/applications", { headers: basic({ username: name, password }) })).status()).toBe(403);
});

test("rotating keeps the user name; the old password works through the grace period only", async ({ page, staffAdmin, request }) => {
  void staffAdmin;
  const name = unique("rotate-me");
  const original = await createCredential(page, name, { admin: true });
  const call = (password: string) => request.get("/admin/applications", { headers: basic({ username: name, password }) });

  await page.goto(`/console/credentials?search=${name}`);
  await page.getByRole("button", { name: `Rotate password of ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Rotate the password of “${name}”?` });
  await expect(dialog.getByLabel("Old password keeps working for")).toHaveValue("3600");
  await dialog.getByLabel("Old password keeps working for").selectOption({ label: "24 hours" });
  await expect(dialog).toContainText("Backends may use either password for 24 hours");
  await dialog.getByRole("button", { name: "Rotate password" }).click();
  const secret = page.getByTestId("secret-once");
  await expect(secret.getByRole("heading")).toHaveText(`New password of credential “${name}”`);
  expect(await secret.getByLabel("User name").inputValue()).toBe(name);
  const rotated = await secret.getByLabel("New password").inputValue();
  expect(rotated).not.toBe(original.password);
  await expect(page.getByTestId("rotation-grace")).toContainText("The old password keeps working until");
  await secret.getByRole("button", { name: "Done, I have stored it" }).click();
  await expect(page.getByRole("table", { name: "Credentials" }).getByText("old password until")).toBeVisible();

  // During the grace period both passwords work.
  expect((await call(original.password)).status()).toBe(200);
  expect((await call(rotated)).status()).toBe(200);

  // Rotating again with no grace period: the password before stops at once, the new one works.
  await page.getByRole("button", { name: `Rotate password of ${name}` }).click();
  await dialog.getByLabel("Old password keeps working for").selectOption("0");
  await expect(dialog).toContainText("Every backend still sending the old password is refused from its next call.");
  await expect(dialog).toContainText("An earlier rotation is still in its grace period");
  await dialog.getByRole("button", { name: "Rotate password" }).click();
  const newest = await page.getByTestId("secret-once").getByLabel("New password").inputValue();
  await expect(page.getByTestId("rotation-grace")).toContainText("The old password no longer works.");
  for (const old of [original.password, rotated]) expect((await call(old)).status()).toBe(401);
  expect((await call(newest)).status()).toBe(200);

  // A grace period of two seconds (the API takes any length up to a week) ends on its own.
  const { password: fresh } = await trpcCall<{ password: string }>(page.request, "credentials.rotate", { id: original.id, graceSeconds: 2 });
  expect((await call(newest)).status()).toBe(200);
  expect((await call(fresh)).status()).toBe(200);
  await expect.poll(async () => (await call(newest)).status(), { timeout: 6_000, intervals: [500] }).toBe(401);
  expect((await call(fresh)).status()).toBe(200);

  // Revoking ends every password of the credential.
  await page.reload();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog", { name: `Revoke credential “${name}”?` }).getByRole("button", { name: "Revoke credential" }).click();
  await expect(page.getByTestId("flash")).toContainText(name);
  expect((await call(fresh)).status()).toBe(401);
  await expect(page.getByRole("button", { name: `Rotate password of ${name}` })).toHaveCount(0);
});
