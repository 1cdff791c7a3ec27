/**
 * Hostile input, run through every REST route the product serves (the registry the server
 * dispatches from): each case gets the documented JSON envelope with the security headers and a
 * request id, never a text/plain 500 or an empty body. Some cases need a raw socket, because no
 * HTTP client sends them (lower-case methods, oversized headers).
 */
import net from "node:net";

import type { APIRequestContext, APIResponse } from "@playwright/test";

import type { DeviceClient } from "@/cli/device/device-client";
import { SIGNED_ENDPOINTS } from "@/powerauth/device";
import { REST_ROUTES } from "@/server/rest/rest-routes";

import { E2E } from "../e2e-settings";
import { basic, createCredential, expect, test, unique, workerToken, type CliCredential } from "../fixtures";
import { phone } from "./registration-setup";

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

/**
 * A concrete path for a route: parameters filled with a well-formed value that exists or not
 * (either is fine here), so the request gets as far as the body.
 */
const concrete = (path: string) => path.replace(/\{(registrationId|operationId)\}/g, "6f1c1a52-3b0e-4d8e-9a52-1d6f3c0b9e11").replace(/\{\w+\}/g, "HOSTILE_APP");

/**
 * The mobile Standard RESTful API (ERR_*), the Mobile Token API (with the app's push registration)
 * and the Push Server API (ERROR_GENERIC) speak their own dialects; every other route the Cloud one.
 */
const dialect = (path: string) =>
  path.startsWith("/pa/")
    ? { invalid: "ERR_GENERIC", unauthorized: "ERR_AUTHENTICATION" }
    : path.startsWith("/api/auth/token/app/operation/") || path.startsWith("/api/push/")
      ? { invalid: "INVALID_REQUEST", unauthorized: "POWERAUTH_AUTH_FAIL" }
      : (path.startsWith("/push/") && path !== "/push/service/status") || path.startsWith("/admin/app/")
        ? { invalid: "ERROR_GENERIC", unauthorized: "HTTP_401" }
        : { invalid: "ERROR_REQUEST", unauthorized: "HTTP_401" };

/** Routes that take only a device's PowerAuth token (X-PowerAuth-Token, §11.2). */
const TOKEN_ONLY = new Set(["/api/push/device/register/token"]);

function expectEnvelope(status: number, headers: Record<string, string>, body: string, expected: { status: number; code: string }, label: string) {
  expect(status, label).toBe(expected.status);
  expect(headers["content-type"], label).toMatch(/^application\/json/);
  expect(headers, label).toMatchObject(SECURITY_HEADERS);
  expect(headers["x-request-id"] ?? "", label).toMatch(/\S/);
  const parsed = JSON.parse(body) as { status: string; responseObject: { code: string; message: string } };
  expect(parsed, label).toMatchObject({ status: "ERROR", responseObject: { code: expected.code, message: expect.any(String) } });
  return parsed;
}

async function expectApiEnvelope(response: APIResponse, expected: { status: number; code: string }, label: string) {
  return expectEnvelope(response.status(), response.headers(), await response.text(), expected, label);
}

/** Sends raw bytes and parses the one response (the server closes these connections). */
function rawRequest(text: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(E2E.port, "127.0.0.1", () => socket.write(text));
    let data = "";
    socket.on("data", (chunk: Buffer) => (data += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", body = ""] = data.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error("no answer")));
  });
}

/**
 * Which credential a route takes, by the API it belongs to. A signed mobile route gets a real
 * device signature over the exact body that is sent, so the request gets past authentication.
 */
function authFor(path: string, admin: CliCredential, app: CliCredential, device: DeviceClient, method = "POST", body: Buffer = Buffer.alloc(0)): Record<string, string> {
  if (path === "/api/worker") return { Authorization: `Bearer ${workerToken()}` };
  if (path.startsWith("/admin")) return basic(admin);
  const signed = Object.values(SIGNED_ENDPOINTS).find((endpoint) => endpoint.path === path);
  if (signed) return device.signHeaders({ method, uriId: signed.uriId, body, factors: signed.allowedTypes[0] });
  if (TOKEN_ONLY.has(path)) return device.tokenHeader();
  if (path.startsWith("/pa/")) return {};
  return basic(app);
}

async function allowedMethods(request: APIRequestContext, path: string): Promise<string[]> {
  // An unserved method's 405 names the served ones; PATCH is served by no REST route.
  const response = await request.patch(path, { data: {} });
  expect(response.status(), path).toBe(405);
  return (response.headers()["allow"] ?? "").split(", ").filter(Boolean);
}

test.describe("hostile input on every REST route", () => {
  let appCredential: CliCredential;
  let device: DeviceClient;
  test.beforeAll(async ({ request }, workerInfo) => {
    const admin = await createCredential(`hostile-admin-${workerInfo.workerIndex}-${Date.now().toString(36)}`, { admin: true });
    const appId = unique("HOSTILE");
    const created = await request.post("/admin/applications", { headers: basic(admin), data: { id: appId } });
    expect(created.status()).toBe(200);
    appCredential = await createCredential(unique("hostile-app"), { app: appId });
    // An ACTIVE phone, for the signed mobile routes.
    device = phone(await created.json());
    const registration = await request.post("/v2/registrations", { headers: basic(appCredential), data: { userId: unique("hostile-user"), appId } });
    const { activationQrCodeData, registrationId } = await registration.json();
    await device.activate({ qr: activationQrCodeData, version: "3.3" });
    expect((await request.post(`/v2/registrations/${registrationId}/commit`, { headers: basic(appCredential) })).status()).toBe(200);
    await device.createToken();
  });

  for (const route of REST_ROUTES) {
    const path = concrete(route.path);

    test(`${route.path}`, async ({ request, adminCredential }) => {
      const auth = authFor(route.path, adminCredential, appCredential, device);
      const codes = dialect(route.path);
      const methods = await allowedMethods(request, path);
      expect(methods.length, path).toBeGreaterThan(0);

      // Malformed percent-encoding, in a parameter or appended as a segment.
      for (const bad of ["%zz", "%", "%ff%fe", "%c0%af"]) {
        const target = route.path.includes("{") ? route.path.replace(/\{\w+\}/, bad).replace(/\{\w+\}/g, "X") : `${path}/${bad}`;
        await expectApiEnvelope(await request.fetch(target, { method: methods[0]!, headers: auth }), { status: 400, code: "ERROR_REQUEST" }, `${target} (${bad})`);
      }

      // Methods nobody serves, in any case, and methods this path does not serve.
      for (const method of ["TRACE", "PROPFIND"]) {
        await expectApiEnvelope(await request.fetch(path, { method, headers: auth }), { status: 405, code: "ERROR_REQUEST" }, `${method} ${path}`);
      }
      for (const method of ["get", "post", "FROBNICATE"]) {
        const raw = await rawRequest(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
        expectEnvelope(raw.status, raw.headers, raw.body, { status: 405, code: "ERROR_REQUEST" }, `${method} ${path}`);
      }

      // Headers over the limit: 431 with the envelope.
      const big = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
      expectEnvelope(big.status, big.headers, big.body, { status: 431, code: "ERROR_REQUEST" }, `oversized headers ${path}`);

      // Routes that want credentials: a NUL (or another control character) in the user name is a 401.
      const anonymous = await request.fetch(path, { method: methods[0]!, data: {} });
      if (anonymous.status() === 401) {
        for (const user of ["name\0", "na\u0007me"]) {
          const response = await request.fetch(path, { method: methods[0]!, headers: { Authorization: `Basic ${Buffer.from(`${user}:x`).toString("base64")}` }, data: {} });
          await expectApiEnvelope(response, { status: 401, code: codes.unauthorized }, `NUL user name ${path}`);
        }
      }

      // Bodies: a NUL anywhere in a JSON string names the field; a charset other than UTF-8 is a 415.
      for (const method of methods.filter((m) => m === "POST" || m === "PUT")) {
        const nulBody = Buffer.from('{"id":"A\\u0000B","key":"k","values":["x\\u0000"],"roles":["R\\u0000"],"maxJobs":1}');
        const nul = await request.fetch(path, {
          method,
          headers: { ...authFor(route.path, adminCredential, appCredential, device, method, nulBody), "Content-Type": "application/json" },
          data: nulBody,
        });
        const body = await expectApiEnvelope(nul, { status: 400, code: codes.invalid }, `NUL in JSON ${method} ${path}`);
        expect((body.responseObject as { violations?: { fieldName: string }[] }).violations?.[0]?.fieldName, path).toBe("id");

        const latin1Body = Buffer.from('{"id":"x"}');
        const latin1 = await request.fetch(path, {
          method,
          headers: { ...authFor(route.path, adminCredential, appCredential, device, method, latin1Body), "Content-Type": "application/json; charset=iso-8859-1" },
          data: latin1Body,
        });
        await expectApiEnvelope(latin1, { status: 415, code: codes.invalid }, `charset ${method} ${path}`);
      }
    });
  }

  test("the console's paths refuse the same input with the same envelope", async ({ request }) => {
    await expectApiEnvelope(await request.get("/console/%zz"), { status: 400, code: "ERROR_REQUEST" }, "/console/%zz");
    await expectApiEnvelope(await request.fetch("/console", { method: "TRACE" }), { status: 405, code: "ERROR_REQUEST" }, "TRACE /console");
    const raw = await rawRequest("get /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    expectEnvelope(raw.status, raw.headers, raw.body, { status: 405, code: "ERROR_REQUEST" }, "get /login");
  });
});
