/**
 * The yardstick's `/v2/signature/verify` and `/v2/token/verify` (see bare-server.ts): the same
 * protocol-library crypto (header parsing, §8 key derivation, the §10.5 look-ahead, the §11.2
 * digest), the same sealed-secret decryption (AES-256-GCM), and the same statements on the same
 * tables as the product — one transaction that locks the registration, reads the application
 * version, writes the counter and failure count and records the signature event; for tokens the
 * token read, then the replay insert, the last-used update and the event in one transaction. It
 * skips what a product needs beyond the work: validation messages, the error families, logging,
 * history rows (only written when a check blocks, which the benchmark never does).
 * Not part of the product.
 */
import crypto from "node:crypto";

import type pg from "pg";

import {
  canonicalQueryFromParams,
  computeMasterSecret,
  deriveActivationKeys,
  onlineSignatureData,
  parseAuthorizationHeader,
  parseTokenHeader,
  signatureFormatForVersion,
  verifySignature,
  verifyToken,
} from "@/powerauth/server";

export interface BareReply {
  status: number;
  body: string;
}

function openSecret(key: Buffer, sealed: string, context: string): Buffer {
  const [, ivText, dataText] = sealed.split(".");
  const iv = Buffer.from(ivText!, "base64url");
  const data = Buffer.from(dataText!, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
}

const LOCK_SQL = `SELECT r.id, r.application_id, r.user_id, r.status, r.flags, r.ctr_data, r.counter, r.failed_attempts, r.max_failed_attempts,
          r.server_private_key_encrypted, r.device_public_key, r.server_public_key,
          a.signature_look_ahead, a.allowed_protocol_versions,
          (SELECT coalesce(json_agg(ar.name ORDER BY ar.name COLLATE "C"), '[]') FROM application_role ar WHERE ar.application_id = a.id) AS roles
     FROM registration r JOIN application a ON a.id = r.application_id
    WHERE r.id = $1::uuid
      FOR UPDATE OF r`;

const TOKEN_SQL = `SELECT t.secret_encrypted, t.signature_type, r.id AS registration_id, r.application_id, r.user_id, r.status, r.flags,
          (SELECT coalesce(json_agg(ar.name ORDER BY ar.name COLLATE "C"), '[]') FROM application_role ar WHERE ar.application_id = r.application_id) AS roles
     FROM token t JOIN registration r ON r.id = t.registration_id
    WHERE t.id = $1::uuid`;

const invalid = (code: string, message: string): BareReply => ({ status: 400, body: JSON.stringify({ status: "ERROR", responseObject: { code, message } }) });

export async function bareSignatureVerify(pool: pg.Pool, secretsKey: Buffer, applicationId: string, raw: string): Promise<BareReply> {
  const input = JSON.parse(raw) as { method: string; uriId: string; authHeader: string; requestBody?: string | null; queryParams?: Record<string, string> | null };
  let authorization;
  try {
    authorization = parseAuthorizationHeader(input.authHeader);
  } catch {
    return invalid("ERROR_SIGNATURE_INVALID", "Signature HTTP header validation failed");
  }
  const bodyBytes = input.requestBody ? Buffer.from(input.requestBody, "base64") : Buffer.alloc(0);
  const body = bodyBytes.length === 0 && input.method === "GET" && input.queryParams ? canonicalQueryFromParams(input.queryParams) : bodyBytes;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const locked = (await client.query({ name: "lock_registration_for_signature", text: LOCK_SQL, values: [authorization.activationId] })).rows[0] as Record<string, unknown> | undefined;
    if (!locked || locked.application_id !== applicationId) throw new Error("the benchmark only verifies its own registrations");
    const version = (await client.query({ name: "application_version_by_key", text: "SELECT application_id, app_secret, supported FROM application_version WHERE app_key = $1", values: [authorization.applicationKey] })).rows[0] as
      | { application_id: string; app_secret: string; supported: boolean }
      | undefined;
    if (!version || !version.supported || version.application_id !== locked.application_id || locked.status !== "ACTIVE") throw new Error("not a benchmark case");
    const registrationId = String(locked.id);
    const keys = deriveActivationKeys(
      computeMasterSecret(openSecret(secretsKey, String(locked.server_private_key_encrypted), `registration-server-key:${registrationId}`), Buffer.from(String(locked.device_public_key), "base64")),
    );
    const result = verifySignature({
      keys: { possession: keys.signaturePossession, knowledge: keys.signatureKnowledge, biometry: keys.signatureBiometry },
      ctrData: Buffer.from(String(locked.ctr_data), "base64"),
      counter: Number(locked.counter),
      signatureType: authorization.signatureType,
      data: onlineSignatureData({ method: input.method, uriId: input.uriId, nonce: authorization.nonce, body, applicationSecret: version.app_secret }),
      format: signatureFormatForVersion(authorization.version),
      signature: authorization.signature,
      lookAhead: Number(locked.signature_look_ahead),
      failedAttempts: Number(locked.failed_attempts),
      maxFailedAttempts: Number(locked.max_failed_attempts),
    });
    await client.query(
      `UPDATE registration SET failed_attempts = $2, status = $3::registration_status,
              blocked_reason = CASE WHEN $4 THEN 'MAX_FAILED_ATTEMPTS' ELSE blocked_reason END,
              ctr_data = coalesce($5, ctr_data), counter = coalesce($6::bigint, counter),
              last_used_at = now(), last_changed_at = CASE WHEN $4 THEN now() ELSE last_changed_at END
        WHERE id = $1::uuid`,
      [registrationId, result.failedAttempts, result.blockActivation ? "BLOCKED" : "ACTIVE", result.blockActivation, result.valid ? result.ctrData.toString("base64") : null, result.valid ? result.counter : null],
    );
    const bodyText = typeof body === "string" ? body : body.toString("utf8");
    await client.query(
      `INSERT INTO signature_event (registration_id, application_id, user_id, kind, signature_type, protocol_version, valid, note, data, counter)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [registrationId, applicationId, locked.user_id, "SIGNATURE", authorization.signatureType, authorization.version, result.valid, result.valid ? "signature_ok" : "signature_does_not_match", `${input.method}\n${input.uriId}\n${bodyText}`.slice(0, 4000), result.valid ? result.counter : Number(locked.counter)],
    );
    await client.query("COMMIT");
    return {
      status: 200,
      body: JSON.stringify({
        signatureValid: result.valid,
        userId: locked.user_id,
        registrationId,
        registrationStatus: result.blockActivation ? "BLOCKED" : "ACTIVE",
        signatureType: result.signatureType.toUpperCase(),
        remainingAttempts: result.remainingAttempts,
        flags: locked.flags,
        application: { name: applicationId, roles: locked.roles },
      }),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function bareTokenVerify(pool: pg.Pool, secretsKey: Buffer, applicationId: string, raw: string): Promise<BareReply> {
  const input = JSON.parse(raw) as { authHeader: string };
  let header;
  try {
    header = parseTokenHeader(input.authHeader);
  } catch {
    return invalid("ERROR_TOKEN_INVALID", "Token HTTP header validation failed");
  }
  const token = (await pool.query({ name: "token_with_registration", text: TOKEN_SQL, values: [header.tokenId] })).rows[0] as Record<string, unknown> | undefined;
  if (!token || token.application_id !== applicationId || token.status !== "ACTIVE") throw new Error("not a benchmark case");
  const check = verifyToken(header, openSecret(secretsKey, String(token.secret_encrypted), `token-secret:${header.tokenId}`), { now: Date.now() });
  const client = await pool.connect();
  let note: string;
  try {
    await client.query("BEGIN");
    const inserted = await client.query("INSERT INTO replay_record (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key", [`token:${check.replayKey.key}`, new Date(check.replayKey.expiresAt)]);
    note = inserted.rows.length === 0 ? "token_replayed" : check.valid ? "token_ok" : check.reason === "DIGEST_MISMATCH" ? "token_digest_mismatch" : "token_timestamp_invalid";
    if (note === "token_ok") await client.query("UPDATE token SET last_used_at = now() WHERE id = $1::uuid", [header.tokenId]);
    await client.query(
      `INSERT INTO signature_event (registration_id, application_id, user_id, kind, signature_type, protocol_version, valid, note, data)
       VALUES ($1::uuid, $2, $3, 'TOKEN', $4, $5, $6, $7, $8)`,
      [token.registration_id, applicationId, token.user_id, token.signature_type, header.version, note === "token_ok", note, `token ${header.tokenId}`],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return {
    status: 200,
    body: JSON.stringify({
      tokenValid: note === "token_ok",
      userId: token.user_id,
      registrationId: token.registration_id,
      registrationStatus: token.status,
      signatureType: String(token.signature_type).toUpperCase(),
      flags: token.flags,
      application: { name: applicationId, roles: token.roles },
    }),
  };
}
