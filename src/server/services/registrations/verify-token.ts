/**
 * A PowerAuth MAC token (protocol §11.2): the Cloud API's `POST /v2/token/verify` and every
 * token-authenticated mobile endpoint. Checks, in the reference's order: the timestamp window,
 * the token, the registration ACTIVE, the replay of (token, nonce), the digest in constant time.
 * One hot read and, for a token that exists, one replay insert and one event (its data names the token); tokens are
 * read-only authentication, so nothing else is locked or written.
 */
import { parseTokenHeader, verifyToken, type PowerAuthTokenHeader } from "@/powerauth/server";
import type { RegistrationStatus } from "@/generated/prisma/enums";
import { defineStatement, hotQuery, hotTransaction } from "@/server/db";
import { openSecret } from "@/server/security/secret-box";

export const tokenSecretContext = (tokenId: string) => `token-secret:${tokenId}`;

const TOKEN_WITH_REGISTRATION = defineStatement<[string]>()(
  "token_with_registration",
  `SELECT t.secret_encrypted, t.signature_type, r.id AS registration_id, r.application_id, r.user_id, r.status, r.flags,
          (SELECT coalesce(json_agg(ar.name ORDER BY ar.name COLLATE "C"), '[]') FROM application_role ar WHERE ar.application_id = r.application_id) AS roles
     FROM token t JOIN registration r ON r.id = t.registration_id
    WHERE t.id = $1::uuid`,
  (row) => ({
    secretEncrypted: String(row.secret_encrypted),
    signatureType: String(row.signature_type),
    registration: {
      id: String(row.registration_id),
      applicationId: String(row.application_id),
      userId: String(row.user_id),
      status: row.status as RegistrationStatus,
      flags: row.flags as string[],
      roles: row.roles as string[],
    },
  }),
);

export type TokenCheckNote = "token_ok" | "token_not_found" | "token_timestamp_invalid" | "activation_invalid_state" | "token_replayed" | "token_digest_mismatch";

export interface TokenCheckOutcome {
  valid: boolean;
  note: TokenCheckNote;
  header: PowerAuthTokenHeader;
  signatureType: string | null;
  registration: { id: string; applicationId: string; userId: string; status: RegistrationStatus; flags: string[]; roles: string[] } | null;
}

export async function verifyTokenHeader({ authHeader, applicationId }: { authHeader: string; applicationId: string | null }): Promise<TokenCheckOutcome> {
  // A malformed header throws (each transport maps it to its documented error).
  const header = parseTokenHeader(authHeader);
  const [found] = await hotQuery(TOKEN_WITH_REGISTRATION, [header.tokenId]);
  const token = found && (!applicationId || found.registration.applicationId === applicationId) ? found : undefined;
  const result = (note: TokenCheckNote): TokenCheckOutcome => ({
    valid: note === "token_ok",
    note,
    header,
    signatureType: token?.signatureType ?? null,
    registration: token?.registration ?? null,
  });

  const now = Date.now();
  if (!token) return result("token_not_found");
  const check = verifyToken(header, openSecret(token.secretEncrypted, tokenSecretContext(header.tokenId)), { now });

  return hotTransaction(async (sql) => {
    let note: TokenCheckNote;
    if (check.reason === "TIMESTAMP_EXPIRED" || check.reason === "TIMESTAMP_IN_FUTURE") note = "token_timestamp_invalid";
    else if (token.registration.status !== "ACTIVE") note = "activation_invalid_state";
    else {
      // The pair (token, nonce) is good once: the insert decides, atomically, under any concurrency.
      const inserted = await sql.query("INSERT INTO replay_record (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key", [
        `token:${check.replayKey.key}`,
        new Date(check.replayKey.expiresAt),
      ]);
      note = inserted.length === 0 ? "token_replayed" : check.valid ? "token_ok" : "token_digest_mismatch";
    }
    if (note === "token_ok") await sql.query("UPDATE token SET last_used_at = now() WHERE id = $1::uuid", [header.tokenId]);
    await sql.query(
      `INSERT INTO signature_event (registration_id, application_id, user_id, kind, signature_type, protocol_version, valid, note, data)
       VALUES ($1::uuid, $2, $3, 'TOKEN', $4, $5, $6, $7, $8)`,
      [token.registration.id, token.registration.applicationId, token.registration.userId, token.signatureType, header.version, note === "token_ok", note, `token ${header.tokenId}`],
    );
    return result(note);
  });
}
