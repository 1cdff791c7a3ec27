/**
 * What makes the console bearable all day: errors in plain words on the field they concern,
 * failed loads that say why and offer a Retry, a loud warning before the last supported version
 * goes, sign-out that says what it does and keeps the address, a 404 inside the console, a favicon.
 */
import { E2E } from "../e2e-settings";
import { createStaffUser, expect, signInPage, test, trpcCall, unique } from "../fixtures";

test("server validation errors appear on their fields, in plain words, tied to the inputs", async ({ page, staffAdmin }) => {
  void staffAdmin;
  await page.goto("/console/applications");
  await page.getByRole("button", { name: "New application" }).click();
  const dialog = page.getByRole("dialog", { name: "New application" });
  await dialog.getByLabel("Application ID").fill("bad id!");
  await dialog.getByLabel("Roles (optional)").fill("ROLE_OK, bad!");
  await dialog.getByRole("button", { name: "Create application" }).click();

  const id = dialog.getByLabel("Application ID");
  const roles = dialog.getByLabel("Roles (optional)");
  await expect(id).toHaveAttribute("aria-invalid", "true");
  await expect(roles).toHaveAttribute("aria-invalid", "true");
  await expect(id).toBeFocused();
  const errorOf = async (field: typeof id) => page.locator(`[id="${(await field.getAttribute("aria-describedby"))!.split(" ")[0]}"]`);
  await expect(await errorOf(id)).toHaveText(/^The application ID must be 1 to 100 letters, digits/);
  await expect(await errorOf(roles)).toHaveText("Role “bad!” must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");
  // The form-level summary sits in a live region, so screen readers announce it.
  const summary = dialog.getByTestId("form-error");
  await expect(summary).toHaveText("Check the 2 marked fields.");
  await expect(dialog.locator("[aria-live=assertive]")).toContainText("Check the 2 marked fields.");
  await expect(dialog).not.toContainText("roles.1");

  // A taken ID is the server's refusal too, and lands on the ID.
  const taken = unique("TAKEN");
  await trpcCall(page.request, "applications.create", { id: taken, roles: [] });
  await id.fill(taken);
  await roles.fill("");
  await dialog.getByRole("button", { name: "Create application" }).click();
  await expect(id).toHaveAttribute("aria-invalid", "true");
  await expect(await errorOf(id)).toHaveText(`Application already exists: ${taken}.`);
  await expect(roles).not.toHaveAttribute("aria-invalid", "true");

  // Configuration values: the item that is wrong, not the admin API's "Invalid create application configuration request".
  await page.goto(`/console/applications/${taken}`);
  const config = page.getByRole("form", { name: "Edit configuration" });
  await config.getByLabel("Configuration key").selectOption("fido2_aaguids_allowed");
  await config.getByLabel("Values (JSON array)").fill('["not-a-uuid"]');
  await config.getByRole("button", { name: "Save configuration" }).click();
  const values = config.getByLabel("Values (JSON array)");
  await expect(values).toHaveAttribute("aria-invalid", "true");
  await expect(values).toBeFocused();
  await expect(await errorOf(values)).toHaveText("Item “not-a-uuid” must be an AAGUID (UUID).");
  await expect(page.getByRole("main")).not.toContainText("Invalid create application configuration request");
});

test("a failed load says the server could not be reached and offers a Retry that works", async ({ page, staffAdmin }) => {
  void staffAdmin;
  const fails = (url: URL) => url.pathname.startsWith("/api/trpc/") && url.pathname.includes("credentials.list");
  await page.route(fails, (route) => route.abort("failed"));
  await page.goto("/console/credentials");
  const failure = page.getByRole("table", { name: "Credentials" }).getByTestId("load-failure");
  await expect(failure).toContainText("Could not load the credentials.", { timeout: 15_000 });
  await expect(failure).toContainText("The server could not be reached. Check the network connection, then try again.");
  await page.unroute(fails);
  await failure.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("table", { name: "Credentials" }).getByTestId("load-failure")).toHaveCount(0);
  await expect(page.getByText(/of \d+ credentials|No credentials/).first()).toBeVisible();
});

test("unsupporting the last supported version warns that mobile apps stop; the application shows a banner meanwhile", async ({ page, staffAdmin }) => {
  void staffAdmin;
  const id = unique("LASTVER");
  await trpcCall(page.request, "applications.create", { id, roles: [] });
  await trpcCall(page.request, "applications.createVersion", { id, name: "2.4.0" });
  await page.goto(`/console/applications/${id}`);
  const banner = page.getByTestId("no-supported-version");
  await expect(banner).toHaveCount(0);

  // Not the last one yet: the ordinary warning.
  await page.getByRole("button", { name: "Mark version default unsupported" }).click();
  let dialog = page.getByRole("dialog", { name: "Mark unsupported version “default”?" });
  await expect(dialog.getByTestId("last-supported-warning")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Mark unsupported" }).click();
  await expect(page.getByTestId("flash")).toContainText("Version “default” is now unsupported.");

  // The last one: the dialog says every mobile app stops, and the confirmation says so too.
  await page.getByRole("button", { name: "Mark version 2.4.0 unsupported" }).click();
  dialog = page.getByRole("dialog", { name: "Mark the last supported version “2.4.0”?" });
  await expect(dialog.getByTestId("last-supported-warning")).toContainText("With none supported, mobile apps stop working.");
  await dialog.getByRole("button", { name: "Stop every mobile app" }).click();
  await expect(banner).toContainText("No version of this application is supported.");
  await expect(page.getByRole("table", { name: "Versions" }).getByText("Supported", { exact: true })).toHaveCount(0);
  await page.goto("/console/applications?search=" + id);
  await expect(page.getByRole("table", { name: "Applications" }).getByText("None supported / 2")).toBeVisible();

  await page.goto(`/console/applications/${id}`);
  await page.getByRole("button", { name: "Mark version 2.4.0 supported" }).click();
  await expect(page.getByTestId("flash")).toContainText("Version “2.4.0” is now supported.");
  await expect(banner).toHaveCount(0);
});

test("sign-out says it signs out everywhere, does so, and stays on the address the browser used", async ({ page, browser, staffAdmin }) => {
  const other = await browser.newContext({ baseURL: E2E.baseUrl });
  await signInPage(await other.newPage(), staffAdmin);
  const me = () => other.request.get(`/api/trpc/account.me?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
  expect((await me()).status()).toBe(200);

  await page.goto("/console/staff");
  const button = page.getByRole("button", { name: "Sign out everywhere" });
  await expect(button).toHaveAccessibleDescription("Ends your sessions in every browser and on every device.");
  await button.click();
  // The browser opened the console as 127.0.0.1; the server's own URL is localhost. It stays on 127.0.0.1.
  await expect(page).toHaveURL(`${E2E.baseUrl}/login`);
  expect((await me()).status()).toBe(401);
  await other.close();
});

test("after a password change the browser stays on its address too", async ({ page }) => {
  const member = await createStaffUser("VIEWER");
  await signInPage(page, member);
  await page.goto("/console/account");
  await page.getByLabel("Current password").fill(member.password);
  await page.getByLabel("New password").fill("Another-passphrase-42");
  await page.getByLabel("Repeat password").fill("Another-passphrase-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(`${E2E.baseUrl}/login?reason=password-changed`);

  // A wrong current password is marked on that field.
  await signInPage(page, { email: member.email, password: "Another-passphrase-42" });
  await page.goto("/console/account");
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill("Yet-another-passphrase-7");
  await page.getByLabel("Repeat password").fill("Yet-another-passphrase-7");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("main").getByTestId("field-error")).toHaveText("The current password is not correct.");
});

test("an unknown address inside the console gets a 404 page in the console frame, with a way back", async ({ page, staffAdmin }) => {
  void staffAdmin;
  const response = await page.goto("/console/no-such-area/at-all");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
  await page.getByRole("link", { name: "Go to applications" }).click();
  await expect(page).toHaveURL(/\/console\/applications$/);

  const missingApp = await page.goto(`/console/applications/${unique("GONE")}`);
  expect(missingApp?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  const outside = await page.goto("/no-such-page");
  expect(outside?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Go to the console" })).toBeVisible();
});

test("the favicon is served and linked from every page", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const svg = await request.get("/favicon.svg");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
});
