/**
 * `POST /pa/v3/token/create` (protocol §11.1): the device's signature was checked by the REST
 * wrapper (possession-based types, §10.7; the registration is ACTIVE, else the signature is
 * invalid). Here: decrypt the activation-scope ECIES body (`/pa/token/create`, replay-protected),
 * make a token bound to the registration and to the signature type that created it, store its
 * secret sealed, and answer with the ECIES response of `{tokenId, tokenSecret}`.
 */
import { ECIES_SHARED_INFO_1, generateToken, tokenCreateResponse, type EciesResponsePayload, type ProtocolVersion } from "@/powerauth/server";
import { defineStatement, hotTransaction } from "@/server/db";
import { AppError } from "@/server/errors";
import { sealSecret } from "@/server/security/secret-box";

import { openEciesRequest } from "../registrations/mobile-ecies";
import { tokenSecretContext } from "../registrations/verify-token";

/** A device can hold many tokens (one per SDK token name); this bounds a runaway client. */
export const MAX_TOKENS_PER_REGISTRATION = 100;

/** The registration named by the ECIES header is not the one the signature authenticated (or is gone). */
export const tokenFailed = () => new AppError("ERR_ACTIVATION", "POWER_AUTH_ACTIVATION_INVALID");

// The registration row is locked while its tokens are counted and the new one is inserted, so
// concurrent creates cannot pass the limit, and a registration blocked or removed since the
// signature check gets no token.
const LOCK_ACTIVE_REGISTRATION = defineStatement<[string]>()(
  "token_lock_active_registration",
  `SELECT r.id, (SELECT count(*) FROM token t WHERE t.registration_id = r.id) AS tokens
     FROM registration r WHERE r.id = $1::uuid AND r.status = 'ACTIVE' FOR UPDATE`,
  (row) => ({ id: String(row.id), tokens: Number(row.tokens) }),
);

export interface SigningDevice {
  registration: { id: string; applicationId: string };
  signatureType: string;
  version: string;
  signedBy: { applicationKey: string; activationId: string } | null;
}

export async function createToken({ device, body }: { device: SigningDevice; body: unknown }): Promise<EciesResponsePayload> {
  if (!device.signedBy) throw tokenFailed();
  const opened = await openEciesRequest({
    recipient: { applicationKey: device.signedBy.applicationKey, version: device.version as ProtocolVersion, activationId: device.signedBy.activationId },
    sharedInfo1: ECIES_SHARED_INFO_1.CREATE_TOKEN,
    body,
    failure: tokenFailed,
  });
  // The ECIES recipient named by the header is the registration the signature authenticated.
  if (opened.parties.activation?.id !== device.registration.id) throw tokenFailed();
  const token = generateToken();
  await hotTransaction(async (sql) => {
    const [registration] = await sql.statement(LOCK_ACTIVE_REGISTRATION, [device.registration.id]);
    if (!registration) throw tokenFailed();
    if (registration.tokens >= MAX_TOKENS_PER_REGISTRATION) throw new AppError("ERR_GENERIC", "POWER_AUTH_TOKEN_LIMIT_REACHED");
    await sql.query("INSERT INTO token (id, registration_id, secret_encrypted, signature_type) VALUES ($1::uuid, $2::uuid, $3, $4)", [
      token.tokenId,
      registration.id,
      sealSecret(token.tokenSecret, tokenSecretContext(token.tokenId)),
      device.signatureType,
    ]);
  });
  return opened.respond(tokenCreateResponse(token));
}
