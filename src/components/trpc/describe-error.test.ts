import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";

import { describeError, NETWORK_MESSAGE } from "./describe-error";

/** What the console's tRPC client throws for an answer of our error formatter. */
function trpcError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data: { httpStatus: 400, path: "x", ...data } } });
}

const ROLES = { id: { label: "The application ID" }, roles: { label: "The roles", item: "Role" } };

describe("describeError", () => {
  it("puts zod issues on their field in plain language, quoting the array entry", () => {
    const error = trpcError("[validation]", {
      code: "BAD_REQUEST",
      appCode: null,
      zodIssues: [{ path: "roles.1", message: "must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit" }],
    });
    const described = describeError(error, { fields: ROLES, input: { id: "APP", roles: ["OK", "bad!"] } });
    expect(described.fields).toEqual({ roles: "Role “bad!” must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit." });
    expect(described.message).toBe("Check the marked field.");
    expect(JSON.stringify(described)).not.toContain("roles.1");
    expect(described.network).toBe(false);
  });

  it("names deeper paths by item number and keeps the first problem per field", () => {
    const error = trpcError("bad", {
      code: "BAD_REQUEST",
      zodIssues: [
        { path: "values.0.issuerUri", message: "must be an http(s) URL" },
        { path: "values.1", message: "must not be null" },
        { path: "id", message: "must not be empty" },
      ],
    });
    const described = describeError(error, { fields: { id: { label: "The ID" }, values: { label: "The values", item: "Item" } } });
    expect(described.fields).toEqual({ values: "Item 1: issuerUri must be an http(s) URL.", id: "The ID must not be empty." });
    expect(described.message).toBe("Check the 2 marked fields.");
  });

  it("says issues of unknown fields in words, without dotted paths, at form level", () => {
    const error = trpcError("bad", { code: "BAD_REQUEST", zodIssues: [{ path: "filters.2.from", message: "must be a date" }] });
    expect(describeError(error)).toEqual({ message: "Filters, item 3, from must be a date.", fields: {}, network: false });
  });

  it("uses service violations like zod issues", () => {
    const error = trpcError("The current password is not correct", {
      code: "BAD_REQUEST",
      appCode: "ERROR_REQUEST",
      violations: [{ path: "currentPassword", message: "is not correct" }],
    });
    expect(describeError(error, { fields: { currentPassword: { label: "The current password" } } }).fields).toEqual({
      currentPassword: "The current password is not correct.",
    });
  });

  it("puts a documented code on the field the form names for it, else at form level", () => {
    const error = trpcError("A credential named x already exists", { code: "CONFLICT", appCode: "ERROR_CONFLICT" });
    expect(describeError(error, { fields: { name: { label: "The name" } }, codeFields: { ERROR_CONFLICT: "name" } })).toEqual({
      message: "Check the marked field.",
      fields: { name: "A credential named x already exists." },
      network: false,
    });
    expect(describeError(error).message).toBe("A credential named x already exists.");
  });

  it("explains a failed connection, and hides internals of server failures", () => {
    const offline = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(describeError(offline)).toEqual({ message: NETWORK_MESSAGE, fields: {}, network: true });
    expect(describeError(new TypeError("NetworkError when attempting to fetch resource.")).network).toBe(true);
    const internal = trpcError("Unexpected error; see the server log.", { code: "INTERNAL_SERVER_ERROR", appCode: null });
    const described = describeError(internal);
    expect(described.message).toMatch(/^Something went wrong on the server/);
    expect(described.network).toBe(false);
  });

  it("passes other errors through as a sentence, and nothing for no error", () => {
    expect(describeError(trpcError("Your role does not allow credentials write", { code: "FORBIDDEN" })).message).toBe(
      "Your role does not allow credentials write.",
    );
    expect(describeError(new Error("boom")).message).toBe("Boom.");
    expect(describeError(null)).toEqual({ message: "", fields: {}, network: false });
  });
});
