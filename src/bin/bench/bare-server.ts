/**
 * The yardstick of `npm run bench:api`: a bare `node:http` server doing exactly the work of each
 * benchmarked product request, and nothing else: the same SQL on the same database (the
 * credential lookup as a prepared statement, the application detail as one query like the one
 * Prisma sends), the same HMAC check, the same JSON bytes and headers; the verification
 * endpoints are in bare-verify.ts. Same number of processes as the product (`--processes`). Not
 * part of the product.
 */
import cluster from "node:cluster";
import crypto from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";

import pg from "pg";

import { encodeMobileSdkConfig } from "@/powerauth/server";

import { bareSignatureVerify, bareTokenVerify } from "./bare-verify";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    processes: { type: "string", default: "1" },
    "database-url": { type: "string" },
    pepper: { type: "string" },
    "secrets-key": { type: "string" },
    "service-base-url": { type: "string" },
  },
});
const processes = Number(values.processes);

if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
  let ready = 0;
  cluster.on("message", () => {
    if (++ready === processes) process.send?.({ type: "ready" });
  });
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    process.exit(0);
  });
} else {
  const pepper = Buffer.from(values.pepper!, "base64");
  const secretsKey = Buffer.from(values["secrets-key"] ?? "", "base64").subarray(0, 32);
  const pool = new pg.Pool({ connectionString: values["database-url"], max: 5 });
  const SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
  };
  const send = (res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...SECURITY, "X-Request-Id": crypto.randomUUID(), ...extra, "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  };
  const unauthorized = JSON.stringify({ status: "ERROR", responseObject: { code: "HTTP_401", message: "Unauthorized" } });

  /** The credential's application (null for admin scope), or false when it does not authenticate. */
  async function authenticate(header: string | undefined): Promise<string | null | false> {
    const decoded = Buffer.from((header ?? "").replace(/^Basic\s+/i, ""), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const { rows } = await pool.query({
      name: "credential_by_username",
      text: `SELECT id, username, scope, application_id, secret_hash, previous_secret_hash, previous_secret_expires_at, revoked_at, last_used_at
     FROM integration_credential WHERE username = $1`,
      values: [username],
    });
    const actual = crypto.createHmac("sha256", pepper).update(password, "utf8").digest();
    const row = rows[0] as { secret_hash: string; revoked_at: Date | null; application_id: string | null } | undefined;
    if (!row) return false;
    const expected = Buffer.from(row.secret_hash, "hex");
    return actual.length === expected.length && crypto.timingSafeEqual(actual, expected) && !row.revoked_at ? row.application_id : false;
  }

  const DETAIL_SQL = `SELECT a.id,
      (SELECT coalesce(json_agg(r.name ORDER BY r.name), '[]') FROM application_role r WHERE r.application_id = a.id) AS roles,
      (SELECT m.public_key FROM master_key_pair m WHERE m.application_id = a.id ORDER BY m.created_at DESC LIMIT 1) AS public_key,
      (SELECT json_build_object('appKey', v.app_key, 'appSecret', v.app_secret) FROM application_version v
         WHERE v.application_id = a.id AND v.supported ORDER BY v.created_at DESC LIMIT 1) AS version
    FROM application a WHERE a.id = $1`;

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/push/service/status") {
      send(res, 200, JSON.stringify({
        status: "OK",
        responseObject: { applicationName: "guardline", applicationDisplayName: "Guardline Mobile Security Server", applicationEnvironment: "", version: "0.1.0", buildTime: "2026-12-02T00:00:00.000Z", timestamp: new Date().toISOString() },
      }));
      return;
    }
    void (async () => {
      const applicationId = await authenticate(req.headers.authorization);
      if (applicationId === false) {
        send(res, 401, unauthorized, { "WWW-Authenticate": 'Basic realm="Guardline", charset="UTF-8"' });
        return;
      }
      if (path === "/v2/signature/verify" || path === "/v2/token/verify") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const raw = Buffer.concat(chunks).toString("utf8");
        const reply = path === "/v2/signature/verify" ? await bareSignatureVerify(pool, secretsKey, applicationId!, raw) : await bareTokenVerify(pool, secretsKey, applicationId!, raw);
        send(res, reply.status, reply.body);
        return;
      }
      const id = decodeURIComponent(path.slice("/admin/applications/".length));
      const { rows } = await pool.query({ name: "application_detail", text: DETAIL_SQL, values: [id] });
      const app = rows[0] as { id: string; roles: string[]; public_key: string; version: { appKey: string; appSecret: string } };
      send(res, 200, JSON.stringify({
        id: app.id,
        serviceBaseUrl: values["service-base-url"],
        mobileSdkConfig: encodeMobileSdkConfig({ applicationKey: app.version.appKey, applicationSecret: app.version.appSecret, masterServerPublicKey: app.public_key }),
        roles: app.roles,
        appKey: app.version.appKey,
        appSecret: app.version.appSecret,
        masterServerPublicKey: app.public_key,
      }));
    })().catch((error: unknown) => send(res, 500, JSON.stringify({ error: String(error) })));
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(values.port), "127.0.0.1", () => process.send?.({ type: "ready" }));
  process.on("SIGTERM", () => process.exit(0));
}
