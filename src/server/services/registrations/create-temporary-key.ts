/**
 * Issues a 3.3 temporary encryption key (`POST /pa/v3/keystore/create`, protocol §6): the device's
 * HS256 request names the application key (and, for activation scope, its activation, which must
 * be ACTIVE or BLOCKED); the server checks the signature with the application secret (or the
 * activation's transport key), makes a fresh P-256 key pair valid for five minutes, keeps the
 * private key sealed with its binding, and answers with an ES256 JWS signed by the master key (or
 * the activation's server key). Every refusal is ERR_TEMPORARY_KEY.
 */
import {
  issueTemporaryKey,
  parseTemporaryKeyRequest,
  TEMPORARY_KEY_VALIDITY_MS,
  verifyTemporaryKeyRequest,
} from "@/powerauth/server";
import { defineStatement, hotQuery } from "@/server/db";
import { openSecret, sealSecret } from "@/server/security/secret-box";

import { masterKeyContext } from "../applications/application-keys";
import { orFail, resolveEciesParties, temporaryKeyContext, temporaryKeyFailed } from "./mobile-ecies";

const STORE_TEMPORARY_KEY = defineStatement<[string, string, string | null, string, string, Date]>()(
  "mobile_store_temporary_key",
  `INSERT INTO temporary_key (id, app_key, registration_id, public_key, private_key_encrypted, expires_at)
   VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6) RETURNING id`,
  (row) => String(row.id),
);

export async function createTemporaryKey({ jwt, now = Date.now() }: { jwt: string; now?: number }): Promise<{ jwt: string }> {
  const request = orFail(temporaryKeyFailed, () => parseTemporaryKeyRequest(jwt));
  // Temporary keys exist for 3.3 only: an application that does not allow 3.3 issues none.
  const parties = await resolveEciesParties(
    { applicationKey: request.applicationKey, version: "3.3", ...(request.activationId ? { activationId: request.activationId } : {}) },
    request.activationId ? "activation" : "application",
    temporaryKeyFailed,
  );
  if (parties.activation && parties.activation.status !== "ACTIVE" && parties.activation.status !== "BLOCKED") throw temporaryKeyFailed();

  const verified = orFail(temporaryKeyFailed, () =>
    verifyTemporaryKeyRequest(request, {
      applicationSecret: parties.application.appSecret,
      ...(parties.activation ? { transportKey: parties.activation.transportKey } : {}),
    }),
  );
  let signingPrivateKey: Buffer;
  if (parties.activation) signingPrivateKey = parties.activation.serverPrivateKey;
  else if (parties.application.masterPrivateKeySealed) signingPrivateKey = openSecret(parties.application.masterPrivateKeySealed, masterKeyContext(parties.application.id));
  else throw temporaryKeyFailed();

  const issued = issueTemporaryKey(verified, { signingPrivateKey, now, validityMs: TEMPORARY_KEY_VALIDITY_MS });
  await hotQuery(STORE_TEMPORARY_KEY, [
    issued.keyId,
    issued.applicationKey,
    parties.activation?.id ?? null,
    issued.publicKey.toString("base64"),
    sealSecret(issued.privateKey, temporaryKeyContext(issued.keyId)),
    new Date(issued.expiresAt),
  ]);
  return { jwt: issued.jwt };
}
