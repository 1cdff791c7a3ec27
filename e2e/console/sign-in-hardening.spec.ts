/**
 * Sign-in, sessions and headers in Chromium and over HTTP: one neutral answer for every failed
 * sign-in, a Content-Security-Policy that every console page lives with (no violation anywhere),
 * no-store on the console API and sign-in responses, the same-site check with X-Forwarded-Host
 * not trusted (the e2e server runs with TRUST_PROXY unset), and the console's activity ping.
 */
import fs from "node:fs";
import path from "node:path";

import type { ConsoleMessage, Page } from "@playwright/test";
import { decode } from "next-auth/jwt";

import { E2E } from "../e2e-settings";
import { basic, expect, test, trpcCall, unique } from "../fixtures";

const NEUTRAL = "The e-mail or password is wrong, or sign-in is paused after too many failed attempts";

/**
 * This file's own administrator: signing out ends every session of that person, and other files
 * sign the first administrator out while these tests run in the other worker.
 */
const admin = { email: "", password: "Own-admin-passphrase-42" };

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/console\/applications/);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  // The first administrator's session can be ended under us by a sign-out elsewhere: the page then
  // lands on the login form, a step times out, and we start again.
  for (let attempt = 1; ; attempt++) {
    const context = await browser.newContext({ baseURL: E2E.baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      const email = `${unique("own-admin")}@bank.test`;
      await signIn(page, E2E.adminEmail, E2E.adminPassword);
      await expect(page).toHaveURL(/\/console\/applications/);
      await page.goto("/console/staff");
      await page.getByRole("button", { name: "Invite" }).click();
      const invite = page.getByRole("dialog", { name: "Invite staff member" });
      await invite.getByLabel("E-mail").fill(email);
      await invite.getByLabel("Name").fill("Hardening Admin");
      await invite.getByLabel("Role").selectOption("ADMINISTRATOR");
      await invite.getByRole("button", { name: "Invite" }).click();
      const oneTime = await page.getByTestId("secret-once").getByLabel("One-time password").inputValue();
      await context.clearCookies();
      await signIn(page, email, oneTime);
      await page.getByLabel("Current password").fill(oneTime);
      await page.getByLabel("New password").fill(admin.password);
      await page.getByLabel("Repeat password").fill(admin.password);
      await page.getByRole("button", { name: "Set new password" }).click();
      await expect(page).toHaveURL(/\/login/);
      admin.email = email;
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      console.warn(`setting up this file's administrator, attempt ${attempt} failed; trying again:`, error);
    } finally {
      await context.close();
    }
  }
});

/** Collects CSP violations two ways: the browser's console report and the DOM event. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

test("every failed sign-in gets the same answer: wrong password, unknown account, locked account", async ({ page, browser }) => {
  test.setTimeout(120_000); // seven argon2 checks, each followed by a page load
  // An administrator invites a member who will then be locked out.
  await signInAsAdmin(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Staff" }).click();
  await page.getByRole("button", { name: "Invite" }).click();
  const invite = page.getByRole("dialog", { name: "Invite staff member" });
  const email = `${unique("locked")}@bank.test`;
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByLabel("Name").fill("Lou Locked");
  await invite.getByLabel("Role").selectOption("VIEWER");
  await invite.getByRole("button", { name: "Invite" }).click();
  const oneTime = await page.getByTestId("secret-once").getByLabel("One-time password").inputValue();

  const context = await browser.newContext();
  const visitor = await context.newPage();
  const answers: string[] = [];
  const answer = async () => {
    const flash = visitor.getByText(NEUTRAL);
    await expect(flash).toBeVisible();
    answers.push((await flash.textContent()) ?? "");
    await expect(visitor).toHaveURL(/\/login/);
  };

  const attempt = async (who: string, password: string) => {
    await visitor.getByLabel("E-mail").fill(who);
    await visitor.getByLabel("Password").fill(password);
    await Promise.all([
      visitor.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
      visitor.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await answer();
  };
  await visitor.goto("/login");
  await attempt(`${unique("nobody")}@bank.test`, "whatever-password");
  for (let i = 0; i < 5; i++) await attempt(email, `wrong-password-${i}`);
  // Locked now: the right password gets the very same sentence.
  await attempt(email, oneTime);
  expect(new Set(answers).size).toBe(1);
  await context.close();

  // The administrator sees the lock in the staff list and the refusals in the audit log.
  await page.reload();
  await expect(page.getByRole("table", { name: "Staff" }).getByRole("row").filter({ hasText: email })).toContainText(/locked/i);
  await page.goto("/console/audit");
  await page.getByLabel("Action", { exact: true }).selectOption("staff.lock");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("table", { name: "Audit entries" }).getByRole("row").filter({ hasText: "staff.lock" }).first()).toBeVisible();
});

test("every console page works under the Content-Security-Policy without a single violation", async ({ page, request, adminCredential }) => {
  const id = unique("CSP");
  const created = await request.post("/admin/applications", { headers: basic(adminCredential), data: { id } });
  expect(created.status()).toBe(200);

  const violations = await watchCsp(page);
  const login = await page.goto("/login");
  const policy = login!.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-eval");

  await page.getByLabel("E-mail").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console\/applications/);
  const registration = await trpcCall<{ registrationId: string }>(page.request, "registrations.create", { applicationId: id, userId: unique("csp-user") });

  const nonces = new Set<string>();
  const paths = [
    "/console/applications",
    `/console/applications/${id}`,
    "/console/credentials",
    "/console/registrations",
    `/console/registrations/${registration.registrationId}`,
    "/console/support",
    "/console/support?userId=csp-user",
    "/console/operations",
    "/console/templates",
    "/console/templates/edit",
    "/console/push",
    "/console/campaigns",
    "/console/inbox",
    "/console/callbacks",
    "/console/telemetry",
    "/console/audit",
    "/console/staff",
    "/console/account",
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    const header = response!.headers()["content-security-policy"] ?? "";
    nonces.add(/'nonce-([^']+)'/.exec(header)?.[1] ?? "");
    // Hydrated and working: the header shows who is signed in, filled in by React.
    await expect(page.getByTestId("user-email")).toHaveText(admin.email);
    await expect(page.getByRole("main")).not.toBeEmpty();
  }
  // Client-side navigation and a dialog (scripts loaded after the first page) are fine too.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Applications" }).click();
  await page.getByRole("button", { name: "New application" }).click();
  await expect(page.getByRole("dialog", { name: "New application" })).toBeVisible();

  expect(nonces.size).toBe(paths.length); // a fresh nonce for every page
  expect(violations).toEqual([]);
});

test("console API and sign-in responses are never stored; the credential secret's response included", async ({ page, request }) => {
  for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers", "/api/trpc/account.me"]) {
    const response = await request.get(path);
    expect(response.headers()["cache-control"], path).toBe("no-store");
  }

  await signInAsAdmin(page);
  const me = await page.request.get("/api/trpc/account.me");
  expect(me.status()).toBe(200);
  expect(me.headers()["cache-control"]).toBe("no-store");

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Credentials" }).click();
  await page.getByRole("button", { name: "New credential" }).click();
  const dialog = page.getByRole("dialog", { name: "New credential" });
  await dialog.getByLabel("Name").fill(unique("nostore"));
  await dialog.getByLabel("Scope").selectOption("ADMIN");
  const [created] = await Promise.all([
    page.waitForResponse((response) => response.url().includes("/api/trpc/credentials.create")),
    dialog.getByRole("button", { name: "Create credential" }).click(),
  ]);
  expect(created.status()).toBe(200);
  expect(created.headers()["cache-control"]).toBe("no-store");
  await page.getByRole("button", { name: "Done, I have stored it" }).click();
});

test("the same-site check ignores X-Forwarded-Host when no proxy is trusted", async ({ page }) => {
  await signInAsAdmin(page);
  const call = (headers: Record<string, string>) =>
    page.request.post("/api/trpc/applications.create", {
      data: { json: { id: unique("XSITE"), roles: [] } },
      headers: { "content-type": "application/json", ...headers },
    });

  const forged = await call({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toBe("Cross-origin request refused");
  expect(forged.headers()["cache-control"]).toBe("no-store");

  const sameSite = await call({ origin: E2E.baseUrl });
  expect(sameSite.status()).toBe(200);
});

test("using the console renews the session's last activity on the server (the activity ping)", async ({ page }) => {
  const secret = (JSON.parse(fs.readFileSync(path.join(E2E.dataDir, "secrets.json"), "utf8")) as { NEXTAUTH_SECRET: string }).NEXTAUTH_SECRET;
  const lastActivity = async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie?.secure).toBe(false); // plain HTTP here: Secure only under an https PUBLIC_URL
    return (await decode({ token: cookie!.value, secret }))!.lastActivity as number;
  };

  await signInAsAdmin(page);
  const before = await lastActivity();
  await page.waitForTimeout(1_100);
  // A page that opens pings at once (its idle timer starts with an activity); later input pings
  // again at most once a minute.
  const [ping] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === "/api/auth/session"),
    page.goto("/console/credentials"),
  ]);
  expect(ping.status()).toBe(200);
  await expect.poll(lastActivity).toBeGreaterThan(before);
});
