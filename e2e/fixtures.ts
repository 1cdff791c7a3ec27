/**
 * Fixtures shared by the end-to-end tests. Credentials are made with the real operator CLI while
 * the server runs, which also proves the CLI reaches the running server's database. Console tests
 * each get their own staff member (invited over the console API by the first administrator), so
 * one test signing out, which ends every session of that person, cannot end another test's.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { type APIRequestContext, type Page, request as playwrightRequest, test as base } from "@playwright/test";

import { E2E } from "./e2e-settings";
import type { StaffRole } from "@/schemas/staff";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

export interface CliCredential {
  id: string;
  username: string;
  password: string;
  scope: "ADMIN" | "APPLICATION";
  applicationId: string | null;
}

/** Runs `npm run cli -- …` against the test server's data folder or database (or another server's, via `env`). */
export async function cliWith(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(root, "src/cli/index.ts"), ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: E2E.dataDir,
      LOG_LEVEL: "error",
      ...(E2E.databaseUrl ? { DATABASE_URL: E2E.databaseUrl } : { DATABASE_URL: "" }),
      ...env,
    },
  });
  return stdout.trim();
}

export const cli = (...args: string[]) => cliWith({}, ...args);

export async function createCredential(name: string, scope: { admin: true } | { app: string }, env: Record<string, string> = {}): Promise<CliCredential> {
  const out = await cliWith(env, "credentials", "create", "--name", name, ...("admin" in scope ? ["--admin"] : ["--app", scope.app]));
  return JSON.parse(out.split("\n").at(-1)!) as CliCredential;
}

export function basic(credential: { username: string; password: string }): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}` };
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The worker token the first start generated into the data folder. */
export function workerToken(): string {
  return JSON.parse(fs.readFileSync(path.join(E2E.dataDir, "secrets.json"), "utf8")).WORKER_TOKEN as string;
}

export type { StaffRole };

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

/** Signs a request context (a page's `page.request` shares the page's cookies) in with next-auth's credentials flow. */
export async function signInOverHttp(context: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: "/console" },
    headers: { origin: E2E.baseUrl },
    maxRedirects: 0,
  });
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { email?: string } };
  if (session.user?.email !== email.toLowerCase()) {
    throw new Error(`Signing in ${email} over HTTP failed (${response.status()}): ${await response.text()}`);
  }
}

/** Calls a console tRPC procedure over HTTP as whoever the context is signed in as. */
export async function trpcCall<T = unknown>(context: APIRequestContext, path: string, input: unknown, kind: "mutation" | "query" = "mutation"): Promise<T> {
  const response =
    kind === "mutation"
      ? await context.post(`/api/trpc/${path}`, { data: { json: input }, headers: { "content-type": "application/json", origin: E2E.baseUrl } })
      : await context.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!response.ok() || !body.result) throw new Error(`tRPC ${path} failed (${response.status()}): ${body.error?.json.message ?? JSON.stringify(body)}`);
  return body.result.data.json;
}

let firstAdmin: Promise<APIRequestContext> | undefined;

/**
 * The first administrator, signed in once per worker over HTTP and only used to invite: it is
 * never signed out, and no test signs in as it in a browser.
 */
function firstAdministrator(): Promise<APIRequestContext> {
  firstAdmin ??= (async () => {
    const context = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
    await signInOverHttp(context, E2E.adminEmail, E2E.adminPassword);
    return context;
  })();
  return firstAdmin;
}

/**
 * A new staff member who has already replaced the one-time password, so they can sign in and
 * work straight away. The first administrator invites them; they choose their password over HTTP.
 */
export async function createStaffUser(role: StaffRole = "ADMINISTRATOR", name = `E2E ${role.toLowerCase()}`): Promise<StaffUser> {
  const email = `${unique(role.toLowerCase())}@bank.test`;
  const invite = async () =>
    trpcCall<{ user: { id: string }; temporaryPassword: string }>(await firstAdministrator(), "staff.invite", { email, name, role });
  let invited: Awaited<ReturnType<typeof invite>>;
  try {
    invited = await invite();
  } catch {
    // The worker's admin session may have ended (a server restart, a sign-out elsewhere): sign in again once.
    firstAdmin = undefined;
    invited = await invite();
  }
  const password = `E2E-${unique("pass")}-Aa1!`;
  const context = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  try {
    await signInOverHttp(context, email, invited.temporaryPassword);
    await trpcCall(context, "account.changePassword", { currentPassword: invited.temporaryPassword, newPassword: password });
  } finally {
    await context.dispose();
  }
  return { id: invited.user.id, email, name, role, password };
}

/** Signs the page's browser context in as `user` (no sign-in form on the way). */
export async function signInPage(page: Page, user: { email: string; password: string }): Promise<void> {
  await signInOverHttp(page.request, user.email, user.password);
}

/** Signs in through the sign-in form, as a person would. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<{ staffAdmin: StaffUser }, { adminCredential: CliCredential }>({
  adminCredential: [
    async ({}, use, workerInfo) => {
      await use(await createCredential(`e2e-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true }));
    },
    { scope: "worker" },
  ],
  /** This test's own administrator, with the page already signed in as them. */
  // `provide`, not `use`: the React hooks lint rule would take a fixture named like a hook for one.
  staffAdmin: async ({ page }, provide) => {
    const user = await createStaffUser("ADMINISTRATOR", "Ada Admin");
    await signInPage(page, user);
    await provide(user);
  },
});

export { expect } from "@playwright/test";
