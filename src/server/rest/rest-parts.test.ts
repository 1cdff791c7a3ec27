import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ZApplicationRolesRequest } from "@/schemas/applications";

import { parseBasicAuth } from "./basic-auth";
import { readJsonBody as readWebJsonBody } from "./read-json-body";
import { fromWebRequest } from "./rest-request";
import { fieldName, toViolations } from "./violations";

const json = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/", { method: "POST", body, headers });

describe("violations", () => {
  it("names fields with dots and [index], shows primitive values, hides secrets", () => {
    expect(fieldName(["roles", 2])).toBe("roles[2]");
    expect(fieldName(["a", "b"])).toBe("a.b");
    expect(fieldName([])).toBe("body");
    const input = { id: "", roles: ["ok", 7] };
    const result = ZApplicationRolesRequest.safeParse(input);
    expect(result.success).toBe(false);
    expect(toViolations(result.error!, input)).toEqual([
      { fieldName: "id", invalidValue: "", hint: "must not be empty" },
      { fieldName: "roles[1]", invalidValue: 7, hint: "must be a string" },
    ]);
    const secret = z.object({ password: z.string().min(30) }).safeParse({ password: "hunter2" });
    expect(toViolations(secret.error!, { password: "hunter2" })).toEqual([{ fieldName: "password", hint: expect.any(String) }]);
  });

  it("says 'must not be null' for a missing field", () => {
    const result = ZApplicationRolesRequest.safeParse({ roles: ["A"] });
    expect(toViolations(result.error!, {})).toEqual([{ fieldName: "id", hint: "must not be null" }]);
  });
});

const readJsonBody = async (request: Request, maxBytes: number) => {
  const { present, value } = await readWebJsonBody(fromWebRequest(request), maxBytes);
  return { present, value };
};

describe("readJsonBody", () => {
  it("parses JSON and reports an empty body as absent", async () => {
    expect(await readJsonBody(json('{"a":1}'), 1024)).toEqual({ present: true, value: { a: 1 } });
    expect(await readJsonBody(json("  "), 1024)).toEqual({ present: false, value: undefined });
    expect(await readJsonBody(json("{}", { "content-type": "application/vnd.api+json; charset=utf-8" }), 1024)).toEqual({ present: true, value: {} });
  });

  it("refuses malformed JSON, wrong content types, bad UTF-8 and oversized bodies", async () => {
    await expect(readJsonBody(json('{"a":'), 1024)).rejects.toMatchObject({ code: "ERROR_REQUEST", status: 400, message: "Malformed JSON request body" });
    await expect(readJsonBody(json("{}", { "content-type": "text/plain" }), 1024)).rejects.toMatchObject({ code: "ERROR_REQUEST", status: 415 });
    await expect(readJsonBody(json("{}", {}), 1024)).rejects.toMatchObject({ status: 415 });
    await expect(readJsonBody(new Request("http://x/", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]), headers: { "content-type": "application/json" } }), 1024)).rejects.toMatchObject({ message: "Request body is not valid UTF-8" });
    await expect(readJsonBody(json("x".repeat(2000)), 1024)).rejects.toMatchObject({ code: "ERROR_REQUEST", status: 413 });
    await expect(readJsonBody(json("{}", { "content-type": "application/json", "content-length": "99999" }), 1024)).rejects.toMatchObject({ status: 413 });
  });

  it("refuses charsets other than UTF-8", async () => {
    await expect(readJsonBody(json("{}", { "content-type": "application/json; charset=iso-8859-1" }), 1024)).rejects.toMatchObject({ status: 415 });
    expect(await readJsonBody(json("{}", { "content-type": "application/json;charset=UTF-8" }), 1024)).toEqual({ present: true, value: {} });
  });

  it("refuses a NUL character anywhere in the JSON, naming the field", async () => {
    await expect(readJsonBody(json('{"values":[{"a":"x\\u0000y"}]}'), 1024)).rejects.toMatchObject({
      code: "ERROR_REQUEST",
      options: { violations: [{ fieldName: "values[0].a", hint: expect.stringMatching(/NUL/) }] },
    });
    await expect(readJsonBody(json('{"k\\u0000":1}'), 1024)).rejects.toMatchObject({ code: "ERROR_REQUEST" });
  });
});

describe("parseBasicAuth", () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;
  it("reads user and password (the password may contain colons)", () => {
    expect(parseBasicAuth(basic("ops:pa:ss"))).toEqual({ username: "ops", password: "pa:ss" });
  });
  it("treats anything else as no credentials", () => {
    for (const header of [null, "", "Bearer abc", "Basic !!!", basic("no-colon"), basic(":nouser"), basic("name\0:x"), basic("name:pa\u0007ss"), basic(`${"u".repeat(300)}:x`)]) {
      expect(parseBasicAuth(header)).toBeNull();
    }
  });
});
