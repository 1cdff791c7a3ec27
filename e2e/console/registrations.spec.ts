/**
 * Registrations in the console (issue 9 §5, §6): staff create a registration and see its QR code,
 * a simulated phone (the device simulator over HTTP) activates it, staff compare the fingerprint
 * and commit; a registration blocked in the console makes the phone's next signature fail; the
 * virtual device does the whole flow server-side; the support page shows one customer's
 * timeline; a viewer sees all of it and can change none of it. axe checks every page here.
 */
import type { Page } from "@playwright/test";

import { phone, createRegistration, makeTestApp, type TestApp } from "../api/registration-setup";
import { basic, createStaffUser, expect, signInPage, test, trpcCall, unique } from "../fixtures";

import { expectNoAxeViolations } from "./axe";

/** The fingerprint as the console and phones show it: two groups of four digits. */
const grouped = (fingerprint: string) => fingerprint.replace(/^(\d{4})(\d{4})$/, "$1 $2");

async function signInAs(page: Page, role: "OPERATOR" | "VIEWER" | "ADMINISTRATOR") {
  const user = await createStaffUser(role, `E2E ${role.toLowerCase()}`);
  await signInPage(page, user);
  return user;
}

/** The registration as the bank backend reads it (`GET /v2/registrations/{id}`). */
async function cloudRegistration(request: Parameters<typeof createRegistration>[0], app: TestApp, registrationId: string) {
  const response = await request.get(`/v2/registrations/${registrationId}`, { headers: basic(app.credential) });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { registrationStatus: string; activationQrCodeData?: string; flags: string[]; platform?: string };
}

/** An activated and committed registration, made over REST by the bank backend and a simulated phone. */
async function activeRegistration(request: Parameters<typeof createRegistration>[0], app: TestApp, userId = unique("user")) {
  const created = await createRegistration(request, app, { userId });
  const device = phone(app);
  const activated = await device.activate({ qr: created.activationQrCodeData });
  const commit = await request.post(`/v2/registrations/${created.registrationId}/commit`, { headers: app.headers, data: {} });
  expect(commit.status(), await commit.text()).toBe(200);
  return { ...created, device, fingerprint: activated.fingerprint };
}

test("staff create a registration and see its QR code; the phone activates; staff compare the fingerprint and commit", async ({ page, request, adminCredential }) => {
  test.setTimeout(90_000);
  const app = await makeTestApp(request, adminCredential);
  await signInAs(page, "OPERATOR");
  const userId = unique("cust");

  await page.goto("/console/registrations");
  await expect(page.getByRole("heading", { name: "Registrations", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, "the registrations list");
  await page.getByRole("button", { name: "New registration" }).click();
  const dialog = page.getByRole("dialog", { name: "New registration" });
  // Nothing chosen: the fields say what is missing.
  await dialog.getByRole("button", { name: "Create registration" }).click();
  await expect(dialog.getByLabel("Application")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("User ID")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Application").selectOption(app.id);
  await dialog.getByLabel("User ID").fill(userId);
  await dialog.getByLabel("Flags (optional)").fill("PREMIUM, E2E");
  await expectNoAxeViolations(page, "the new registration dialog");
  await dialog.getByRole("button", { name: "Create registration" }).click();

  await expect(page).toHaveURL(/\/console\/registrations\/[0-9a-f-]{36}$/);
  const registrationId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("registration-status")).toHaveText("CREATED");
  await expect(page.getByRole("img", { name: "Activation QR code" })).toBeVisible();
  const code = (await page.getByTestId("activation-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/);
  // The QR code carries what the bank backend gets: the code and its master-key signature.
  const cloud = await cloudRegistration(request, app, registrationId);
  expect(cloud.activationQrCodeData?.startsWith(`${code}#`)).toBe(true);
  expect(cloud.flags).toEqual(["PREMIUM", "E2E"]);
  await expectNoAxeViolations(page, "a CREATED registration");

  // The customer types the code by hand (the manual-entry path), on a phone talking HTTP to the server.
  const device = phone(app);
  const activated = await device.activate({ code });
  await page.reload();
  await expect(page.getByTestId("registration-status")).toHaveText("PENDING_COMMIT");
  await expect(page.getByTestId("activation-fingerprint")).toHaveText(grouped(activated.fingerprint));
  await expect(page.getByRole("img", { name: "Activation QR code" })).toHaveCount(0);
  await expectNoAxeViolations(page, "a PENDING_COMMIT registration");

  await page.getByRole("button", { name: "Commit registration" }).click();
  const commit = page.getByRole("dialog", { name: /Commit registration/ });
  await expect(commit).toContainText(grouped(activated.fingerprint));
  await expect(commit).toContainText("ACTIVE");
  await commit.getByRole("button", { name: "Commit registration" }).click();
  await expect(page.getByTestId("flash")).toContainText("committed");
  await expect(page.getByTestId("registration-status")).toHaveText("ACTIVE");
  const history = page.getByRole("table", { name: "Status history" });
  await expect(history.getByRole("row")).toHaveCount(4);
  await expect(history.getByRole("row").nth(3)).toContainText("PENDING_COMMIT");
  await expect(history.getByRole("row").nth(3)).toContainText("ACTIVE");
  // The phone agrees.
  expect((await device.status()).state).toBe("ACTIVE");
});

test("a registration blocked in the console makes the phone's next signature fail; unblocked, it signs again", async ({ page, request, adminCredential }) => {
  test.setTimeout(90_000);
  const app = await makeTestApp(request, adminCredential);
  const { registrationId, device, userId } = await activeRegistration(request, app);
  await signInAs(page, "OPERATOR");

  await page.goto(`/console/registrations/${registrationId}`);
  await expect(page.getByTestId("registration-status")).toHaveText("ACTIVE");
  await expect(page.getByRole("button", { name: "Unblock", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Block", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Block registration/ });
  await expect(dialog).toContainText("Every signature from this phone is refused");
  // The reason is required.
  await dialog.getByRole("button", { name: "Block registration" }).click();
  await expect(dialog.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("registration-status")).toHaveText("ACTIVE");
  await dialog.getByLabel("Reason").fill("LOST_DEVICE");
  await expectNoAxeViolations(page, "the block dialog");
  await dialog.getByRole("button", { name: "Block registration" }).click();
  await expect(page.getByTestId("registration-status")).toHaveText("BLOCKED");
  await expect(page.getByTestId("block-reason")).toHaveText("LOST_DEVICE");

  // The phone's next signed request (its own removal, signed with PIN) is refused, and it reads BLOCKED.
  await expect(device.remove("possession_knowledge")).rejects.toMatchObject({ status: 401 });
  expect((await device.status()).state).toBe("BLOCKED");
  expect((await cloudRegistration(request, app, registrationId)).registrationStatus).toBe("BLOCKED");

  // The support page shows it all on one timeline, newest first: the refused signature on top.
  await page.getByRole("link", { name: userId }).click();
  await expect(page).toHaveURL(new RegExp(`/console/support\\?userId=${userId}`));
  const timeline = page.getByRole("table", { name: "Timeline" });
  await expect(timeline.getByRole("row").nth(1)).toContainText("Signature invalid");
  await expect(timeline.getByRole("row").nth(1)).toContainText("activation_invalid_state");
  await expect(timeline.getByRole("row").nth(2)).toContainText("LOST_DEVICE");
  await expect(timeline).toContainText("bank backend");
  await expect(page.getByRole("table", { name: `Registrations of ${userId}` }).getByRole("row")).toHaveCount(2);
  await expectNoAxeViolations(page, "the support page");

  await page.goBack();
  await page.getByRole("button", { name: "Unblock", exact: true }).click();
  const unblock = page.getByRole("dialog", { name: /Unblock registration/ });
  await expect(unblock).toContainText("LOST_DEVICE");
  await unblock.getByRole("button", { name: "Unblock registration" }).click();
  await expect(page.getByTestId("registration-status")).toHaveText("ACTIVE");
  // Signing works again: the phone removes its own registration.
  expect(await device.remove("possession_knowledge")).toEqual({ activationId: registrationId });
  await page.reload();
  await expect(page.getByTestId("registration-status")).toHaveText("REMOVED");
  await expect(page.getByRole("button", { name: "Remove", exact: true })).toHaveCount(0);
});

test("the virtual device activates a registration server-side, shows its fingerprint like a phone, and signs after the commit", async ({ page, request, adminCredential }) => {
  test.setTimeout(90_000);
  const app = await makeTestApp(request, adminCredential);
  await signInAs(page, "OPERATOR");
  const created = await trpcCall<{ registrationId: string }>(page.request, "registrations.create", { applicationId: app.id, userId: unique("virt") });

  await page.goto(`/console/registrations/${created.registrationId}`);
  await page.getByRole("button", { name: "Activate a virtual device" }).click();
  const screen = page.getByTestId("virtual-device-screen");
  await expect(screen).toBeVisible();
  await expect(page.getByTestId("registration-status")).toHaveText("PENDING_COMMIT");
  const fingerprint = (await page.getByTestId("virtual-device-fingerprint").textContent())!;
  expect(fingerprint).toMatch(/^\d{4} \d{4}$/);
  await expect(page.getByTestId("activation-fingerprint")).toHaveText(fingerprint);
  await expectNoAxeViolations(page, "a registration with a virtual device");

  // Before the commit a signature is refused (the registration is not ACTIVE yet).
  await page.getByRole("button", { name: "Sign a test request" }).click();
  await expect(page.getByTestId("virtual-device-signature")).toContainText("Signature refused (activation_invalid_state)");

  await page.getByRole("button", { name: "Commit registration" }).click();
  await page.getByRole("dialog", { name: /Commit registration/ }).getByRole("button", { name: "Commit registration" }).click();
  await expect(page.getByTestId("registration-status")).toHaveText("ACTIVE");

  await page.getByRole("button", { name: "Sign a test request" }).click();
  await expect(page.getByTestId("virtual-device-signature")).toContainText("Signature valid (signature_ok)");
  await page.getByLabel("Wrong PIN").check();
  await page.getByRole("button", { name: "Sign a test request" }).click();
  await expect(page.getByTestId("virtual-device-signature")).toContainText("Signature refused (signature_does_not_match)");
  await expect(page.getByTestId("remaining-attempts")).toContainText("4 remaining");
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByTestId("virtual-device-status")).toContainText("ACTIVE: 1 failed of 5");

  // The registration's state is the server's, seen by the bank backend too.
  expect(await cloudRegistration(request, app, created.registrationId)).toMatchObject({ registrationStatus: "ACTIVE", platform: "virtual" });
});

test("the list finds registrations by user ID, registration ID, status and flag, and keeps the filters in the URL", async ({ page, request, adminCredential }) => {
  test.setTimeout(90_000);
  const app = await makeTestApp(request, adminCredential);
  const userId = unique("find");
  const flagged = await createRegistration(request, app, { userId, flags: ["VIP"] });
  await request.put(`/v2/registrations/${flagged.registrationId}`, { headers: app.headers, data: { change: "REMOVE" } });
  const open = await createRegistration(request, app, { userId });
  await signInAs(page, "VIEWER");

  await page.goto("/console/registrations");
  const table = page.getByRole("table", { name: "Registrations" });
  await page.getByLabel("Registration or user ID").fill(userId);
  await expect(page).toHaveURL(new RegExp(`search=${userId}`));
  await expect(table.getByRole("row")).toHaveCount(2); // header and the open one; the removed one is hidden
  await expect(table.getByRole("link", { name: `Registration ${open.registrationId}` })).toBeVisible();

  await page.getByLabel("Status").selectOption("all");
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Flag").fill("VIP");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("link", { name: `Registration ${flagged.registrationId}` })).toBeVisible();
  await expect(table).toContainText("REMOVED");
  await expect(page).toHaveURL(/status=all/);
  await expect(page).toHaveURL(/flag=VIP/);

  // A shared link shows the same; a registration ID finds exactly that one.
  await page.reload();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(page.getByLabel("Flag")).toHaveValue("VIP");
  await page.goto(`/console/registrations?search=${open.registrationId}`);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("link", { name: `Registration ${open.registrationId}` })).toBeVisible();
});

test("a viewer sees registrations, fingerprints and history, and can change none of it", async ({ page, request, adminCredential }) => {
  test.setTimeout(90_000);
  const app = await makeTestApp(request, adminCredential);
  const created = await createRegistration(request, app, { flags: ["KEEP"] });
  const pending = await createRegistration(request, app);
  const activated = await phone(app).activate({ qr: pending.activationQrCodeData });
  const active = await activeRegistration(request, app);
  await signInAs(page, "VIEWER");

  await page.goto("/console/registrations");
  await expect(page.getByRole("table", { name: "Registrations" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New registration" })).toHaveCount(0);

  // CREATED: the activation code is withheld from viewers; no virtual device, no flag editing.
  await page.goto(`/console/registrations/${created.registrationId}`);
  await expect(page.getByTestId("registration-status")).toHaveText("CREATED");
  await expect(page.getByText("The activation code is shown to operators and administrators only")).toBeVisible();
  await expect(page.getByRole("img", { name: "Activation QR code" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Activate a virtual device" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove flag KEEP" })).toHaveCount(0);
  await expect(page.getByLabel("Add flags")).toHaveCount(0);
  await expectNoAxeViolations(page, "a CREATED registration as a viewer");

  // PENDING_COMMIT: the fingerprint, but no commit.
  await page.goto(`/console/registrations/${pending.registrationId}`);
  await expect(page.getByTestId("activation-fingerprint")).toHaveText(grouped(activated.fingerprint));
  await expect(page.getByRole("button", { name: "Commit registration" })).toHaveCount(0);

  // ACTIVE: the history, but no block.
  await page.goto(`/console/registrations/${active.registrationId}`);
  await expect(page.getByRole("table", { name: "Status history" }).getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("button", { name: "Block", exact: true })).toHaveCount(0);

  // The console API refuses every change too, whatever the page shows.
  const attempts: [string, unknown][] = [
    ["registrations.create", { applicationId: app.id, userId: unique("viewer") }],
    ["registrations.block", { registrationId: active.registrationId, blockReason: "VIEWER" }],
    ["registrations.remove", { registrationId: active.registrationId }],
    ["registrations.commit", { registrationId: pending.registrationId }],
    ["registrations.changeFlags", { registrationId: created.registrationId, change: "replace", flags: [] }],
    ["registrations.activateVirtualDevice", { registrationId: created.registrationId }],
  ];
  for (const [path, input] of attempts) {
    await expect(trpcCall(page.request, path, input), path).rejects.toThrow(/\(403\)/);
  }
  expect((await cloudRegistration(request, app, active.registrationId)).registrationStatus).toBe("ACTIVE");
  expect((await cloudRegistration(request, app, created.registrationId)).flags).toEqual(["KEEP"]);
});
