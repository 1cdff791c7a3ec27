/**
 * The admin REST API over HTTP against the running server, with real integration credentials:
 * the documented success shapes and every documented (and undocumented-but-bad) error.
 */
import { basic, cli, createCredential, expect, test, unique, workerToken } from "../fixtures";

const UNAUTHORIZED = { status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } };

test.describe("service status", () => {
  test("GET /push/service/status answers without credentials, with a request id", async ({ request }) => {
    const response = await request.get("/push/service/status", { headers: { "X-Request-Id": "trace-123" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["x-request-id"]).toBe("trace-123");
    const body = await response.json();
    expect(body).toEqual({
      status: "OK",
      responseObject: {
        applicationName: "guardline",
        applicationDisplayName: expect.any(String),
        applicationEnvironment: expect.any(String),
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        buildTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
    const generated = await request.get("/push/service/status");
    expect(generated.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

test.describe("authentication", () => {
  test("no, malformed or wrong credentials get the documented 401", async ({ request, adminCredential }) => {
    for (const headers of [
      {},
      { Authorization: "Bearer nope" },
      { Authorization: "Basic %%%" },
      basic({ username: adminCredential.username, password: "wrong" }),
      basic({ username: "nobody", password: adminCredential.password }),
    ]) {
      const response = await request.get("/admin/applications", { headers });
      expect(response.status()).toBe(401);
      expect(response.headers()["www-authenticate"]).toMatch(/^Basic realm=/);
      expect(await response.json()).toEqual(UNAUTHORIZED);
    }
  });

  test("a credential revoked with the CLI stops working at once", async ({ request }) => {
    const credential = await createCredential(unique("revoke-me"), { admin: true });
    expect((await request.get("/admin/applications", { headers: basic(credential) })).status()).toBe(200);
    await cli("credentials", "revoke", credential.username);
    const response = await request.get("/admin/applications", { headers: basic(credential) });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual(UNAUTHORIZED);
  });

  test("an application credential may not use the admin API", async ({ request, adminCredential }) => {
    const id = unique("scoped");
    await request.post("/admin/applications", { headers: basic(adminCredential), data: { id } });
    const appCredential = await createCredential(unique("app-backend"), { app: id });
    const response = await request.get("/admin/applications", { headers: basic(appCredential) });
    expect(response.status()).toBe(403);
    expect((await response.json()).responseObject.code).toBe("HTTP_403");
  });
});

test.describe("applications", () => {
  test("create returns everything the documents list, and the id cannot be reused", async ({ request, adminCredential }) => {
    const id = unique("MY_APP");
    const response = await request.post("/admin/applications", { headers: basic(adminCredential), data: { id, roles: ["ROLE1", "ROLE2"] } });
    expect(response.status()).toBe(200);
    const app = await response.json();
    expect(Object.keys(app).sort()).toEqual(["appKey", "appSecret", "id", "masterServerPublicKey", "mobileSdkConfig", "roles", "serviceBaseUrl"]);
    expect(app).toMatchObject({ id, roles: ["ROLE1", "ROLE2"], serviceBaseUrl: expect.stringMatching(/^http.*\/$/) });
    expect(Buffer.from(app.appKey, "base64")).toHaveLength(16);
    expect(Buffer.from(app.appSecret, "base64")).toHaveLength(16);
    expect(Buffer.from(app.masterServerPublicKey, "base64")).toHaveLength(65);
    expect(Buffer.from(app.mobileSdkConfig, "base64")).toHaveLength(103);

    const again = await request.post("/admin/applications", { headers: basic(adminCredential), data: { id } });
    expect(again.status()).toBe(400);
    expect(await again.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_ADMIN", message: `Application already exists: ${id}` } });
  });

  test("list and both detail variants, with and without a version", async ({ request, adminCredential }) => {
    const headers = basic(adminCredential);
    const id = unique("detail");
    const created = await (await request.post("/admin/applications", { headers, data: { id, roles: ["R"] } })).json();

    const list = await (await request.get("/admin/applications", { headers })).json();
    expect(list.applications).toContainEqual({ id });

    const byPath = await request.get(`/admin/applications/${id}`, { headers });
    expect(await byPath.json()).toEqual(created);
    const byQuery = await request.get(`/admin/applications/detail?id=${id}&version=default`, { headers });
    expect(await byQuery.json()).toEqual(created);

    const missingVersion = await request.get(`/admin/applications/${id}?version=9.9`, { headers });
    expect(missingVersion.status()).toBe(400);
    expect(await missingVersion.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_ADMIN", message: "No enabled application version was found" } });

    const unknown = await request.get("/admin/applications/detail?id=no-such-app", { headers });
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).responseObject.code).toBe("ERROR_ADMIN");

    const noId = await request.get("/admin/applications/detail", { headers });
    expect(noId.status()).toBe(400);
    expect(await noId.json()).toEqual({
      status: "ERROR",
      responseObject: { code: "ERROR_REQUEST", message: "Invalid method parameter value", violations: [{ fieldName: "id", hint: "must not be null" }] },
    });
  });

  test("roles: add ignores duplicates, both remove variants ignore missing roles", async ({ request, adminCredential }) => {
    const headers = basic(adminCredential);
    const id = unique("roles");
    await request.post("/admin/applications", { headers, data: { id, roles: ["A"] } });
    const roles = async () => (await (await request.get(`/admin/applications/${id}`, { headers })).json()).roles;

    const add = await request.post("/admin/applications/roles", { headers, data: { id, roles: ["A", "B", "C"] } });
    expect(await add.json()).toEqual({ status: "OK" });
    expect(await roles()).toEqual(["A", "B", "C"]);

    const removeV2 = await request.delete("/admin/applications/roles", { headers, data: { id, roles: ["A", "MISSING"] } });
    expect(await removeV2.json()).toEqual({ status: "OK" });
    const removeNew = await request.post(`/admin/applications/${id}/roles/remove`, { headers, data: { roles: ["B", "GONE"] } });
    expect(await removeNew.json()).toEqual({ status: "OK" });
    expect(await roles()).toEqual(["C"]);

    const missingId = await request.post("/admin/applications/roles", { headers, data: { roles: ["X"] } });
    expect(missingId.status()).toBe(400);
    expect(await missingId.json()).toEqual({
      status: "ERROR",
      responseObject: { code: "ERROR_REQUEST", message: "Invalid method parameter value", violations: [{ fieldName: "id", hint: "must not be null" }] },
    });
    const emptyId = await request.post("/admin/applications/roles", { headers, data: { id: "", roles: ["X"] } });
    expect((await emptyId.json()).responseObject.violations).toEqual([{ fieldName: "id", invalidValue: "", hint: "must not be empty" }]);
  });

  test("configuration: documented keys only, ERROR_ADMIN for unknown keys and bad values", async ({ request, adminCredential }) => {
    const headers = basic(adminCredential);
    const id = unique("config");
    await request.post("/admin/applications", { headers, data: { id } });

    const set = await request.post(`/admin/applications/${id}/config`, { headers, data: { key: "fido2_attestation_fmt_allowed", values: ["packed"] } });
    expect(await set.json()).toEqual({ appId: id, key: "fido2_attestation_fmt_allowed", values: ["packed"] });
    const read = await request.get(`/admin/applications/${id}/config`, { headers });
    expect(await read.json()).toEqual({ appId: id, applicationConfigs: [{ key: "fido2_attestation_fmt_allowed", values: ["packed"] }] });

    const invalid = await request.post(`/admin/applications/${id}/config`, { headers, data: { key: "invalid", values: ["x"] } });
    expect(invalid.status()).toBe(400);
    expect(await invalid.json()).toEqual({
      status: "ERROR",
      responseObject: { code: "ERROR_ADMIN", message: "Invalid create application configuration request for configuration key: invalid" },
    });
    const badValue = await request.post(`/admin/applications/${id}/config`, { headers, data: { key: "fido2_aaguids_allowed", values: ["nope"] } });
    expect((await badValue.json()).responseObject.code).toBe("ERROR_ADMIN");

    const removeInvalid = await request.delete(`/admin/applications/${id}/config`, { headers, data: { key: "invalid" } });
    expect((await removeInvalid.json()).responseObject).toEqual({
      code: "ERROR_ADMIN",
      message: "Invalid remove application configuration request for configuration key: invalid",
    });
    const remove = await request.delete(`/admin/applications/${id}/config`, { headers, data: { key: "fido2_attestation_fmt_allowed" } });
    expect(await remove.json()).toEqual({ status: "OK" });
    expect((await (await request.get(`/admin/applications/${id}/config`, { headers })).json()).applicationConfigs).toEqual([]);
  });
});

test.describe("bad requests never reach a 500", () => {
  test("malformed JSON, wrong content type, wrong types, huge bodies", async ({ request, adminCredential }) => {
    const headers = basic(adminCredential);
    // Raw bytes: Playwright would JSON-encode a string body a second time.
    const post = (data: string | Buffer, contentType = "application/json") =>
      request.post("/admin/applications", { headers: { ...headers, "Content-Type": contentType }, data: Buffer.from(data) });

    const malformed = await post('{"id": "x",');
    expect(malformed.status()).toBe(400);
    expect(await malformed.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REQUEST", message: "Malformed JSON request body" } });

    const wrongType = await post('{"id":"x"}', "text/plain");
    expect(wrongType.status()).toBe(415);
    expect((await wrongType.json()).responseObject.code).toBe("ERROR_REQUEST");

    const empty = await post("");
    expect(empty.status()).toBe(400);
    expect((await empty.json()).responseObject.message).toBe("Required request body is missing");

    const types = await post(JSON.stringify({ id: 42, roles: "ROLE" }));
    expect(types.status()).toBe(400);
    expect((await types.json()).responseObject.violations).toEqual([
      { fieldName: "id", invalidValue: 42, hint: "must be a string" },
      { fieldName: "roles", invalidValue: "ROLE", hint: "must be an array" },
    ]);

    for (const notAnObject of ["[1,2,3]", '"text"', "42", "null"]) {
      const response = await post(notAnObject);
      expect(response.status()).toBe(400);
      expect(await response.json()).toEqual({ status: "ERROR", responseObject: { code: "ERROR_REQUEST", message: "Request body must be a JSON object" } });
    }

    const huge = await post(Buffer.alloc(2 * 1024 * 1024, 0x61));
    expect(huge.status()).toBe(413);
    expect((await huge.json()).responseObject.code).toBe("ERROR_REQUEST");

    const badId = await post(JSON.stringify({ id: "has spaces and / slashes" }));
    expect((await badId.json()).responseObject.violations[0].fieldName).toBe("id");
  });

  test("unknown paths under every documented prefix are JSON 404s; wrong methods are JSON 405s", async ({ request, adminCredential }) => {
    for (const path of ["/admin/nothing", "/v2/nothing/here", "/push/nope", "/inbox/x", "/audit/y", "/internal/z", "/pa/v3/unknown"]) {
      const response = await request.post(path, { headers: basic(adminCredential), data: {} });
      expect(response.status(), path).toBe(404);
      expect((await response.json()).responseObject.code).toBe("ERROR_NOT_FOUND");
    }
    const wrongMethod = await request.put("/admin/applications", { headers: basic(adminCredential), data: {} });
    expect(wrongMethod.status()).toBe(405);
    expect(wrongMethod.headers()["allow"]).toBe("GET, POST");
    expect((await wrongMethod.json()).responseObject).toMatchObject({ code: "ERROR_REQUEST" });
  });
});

test.describe("worker route", () => {
  test("needs the worker token and returns counts", async ({ request }) => {
    const denied = await request.post("/api/worker", { data: {} });
    expect(denied.status()).toBe(401);
    const response = await request.post("/api/worker", { headers: { Authorization: `Bearer ${workerToken()}` }, data: { maxJobs: 5 } });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "OK", responseObject: { processed: expect.any(Number), failed: 0, byQueue: expect.any(Object) } });
    const invalid = await request.post("/api/worker", { headers: { Authorization: `Bearer ${workerToken()}` }, data: { maxJobs: "lots" } });
    expect(invalid.status()).toBe(400);
  });
});
