import crypto from "node:crypto";

import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { resetEnvCache } from "@/env";
import { AppError } from "@/server/errors";

import { fromWebRequest } from "./rest-request";
import { restMethods, restRoute } from "./rest-route";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "n".repeat(40);
  process.env.SECRETS_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  process.env.API_SECRET_PEPPER = crypto.randomBytes(32).toString("base64");
  process.env.AUDIT_CHAIN_KEY = crypto.randomBytes(32).toString("base64");
  resetEnvCache();
});

const context = { params: Promise.resolve({}) };
const post = (body: unknown) =>
  fromWebRequest(new Request("http://x/y", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", "x-request-id": "req-1" } }));

describe("restRoute", () => {
  it("answers an unexpected error with ERROR_GENERIC 500, details only in the log", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const route = restRoute({ auth: "none", handler: () => { throw new Error("database password is hunter2"); } });
    const response = await route(post({}), {});
    expect(response.status).toBe(500);
    const text = response.body;
    expect(JSON.parse(text)).toEqual({ status: "ERROR", responseObject: { code: "ERROR_GENERIC", message: "Unknown error occurred while processing request." } });
    expect(text).not.toContain("hunter2");
    const logged = stderr.mock.calls.map((call) => String(call[0])).join("");
    expect(logged).toContain("hunter2");
    expect(JSON.parse(logged.trim().split("\n").at(-1)!)).toMatchObject({ level: "error", requestId: "req-1", msg: "unexpected error" });
    stderr.mockRestore();
  });

  it("passes the validated body to the handler and echoes the request id", async () => {
    const route = restRoute({
      auth: "none",
      body: z.object({ n: z.number() }),
      handler: ({ body }) => ({ doubled: body.n * 2 }),
    });
    const response = await route(post({ n: 21, extra: "ignored" }), {});
    expect(response.headers["X-Request-Id"]).toBe("req-1");
    expect(JSON.parse(response.body)).toEqual({ doubled: 42 });
  });

  it("maps AppErrors to their documented status and lets them set headers", async () => {
    const route = restRoute({ auth: "none", handler: () => { throw new AppError("ERROR_ADMIN", "No enabled application version was found"); } });
    const response = await route(post({}), {});
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ status: "ERROR", responseObject: { code: "ERROR_ADMIN", message: "No enabled application version was found" } });
  });

  it("asks for credentials before it reads the body", async () => {
    const handler = vi.fn();
    const route = restRoute({ auth: "admin", body: z.object({ n: z.number() }), handler });
    const response = await route(fromWebRequest(new Request("http://x/y", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } })), {});
    expect(response.status).toBe(401);
    expect(handler).not.toHaveBeenCalled();
  });

  it("fills unserved methods with a 405 envelope naming the allowed ones", async () => {
    const methods = restMethods({ GET: restRoute({ auth: "none", handler: () => ({ ok: true }) }) });
    const response = await methods.DELETE(new Request("http://x/y", { method: "DELETE" }), context);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect((await response.json()).responseObject.code).toBe("ERROR_REQUEST");
  });
});
