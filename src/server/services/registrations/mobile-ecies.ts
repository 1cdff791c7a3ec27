/**
 * ECIES requests of the mobile API (protocol §5, §6), handled in one place for every endpoint that
 * takes them (activation create's two layers; token create, vault unlock and the other
 * activation-scope endpoints reuse `openEciesRequest`):
 *
 * 1. who the request names: `X-PowerAuth-Encryption` (§5.5), or for encrypt-then-sign requests the
 *    signature header's version, application key and activation ID;
 * 2. the application version (exists, supported), the protocol version (allowed by the
 *    application's settings) and, in activation scope, the registration past key exchange;
 * 3. the private key the request was encrypted to (§5.1 table): for 3.3 the temporary key named by
 *    `temporaryKeyId`, which must belong to this application key (and activation) and be unexpired;
 *    before 3.3 the newest master key or the registration's server key;
 * 4. decryption (MAC in constant time, timestamp window) and replay protection: the §5.3 unique
 *    value is inserted into `replay_record` before anything acts on the request, so the same
 *    request is accepted once, under any concurrency;
 * 5. the response, encrypted with the request's envelope (§5.4).
 *
 * Errors are the Standard RESTful API's: ERR_ENCRYPTION for anything about the envelope,
 * ERR_TEMPORARY_KEY for the temporary key, and the endpoint's own error (passed in) when the
 * application or activation is not acceptable.
 */
import crypto from "node:crypto";

import {
  eciesScopeOf,
  parseEciesRequest,
  parseEncryptionHeader,
  PowerAuthError,
  serverDecryptEciesRequest,
  serverEncryptEciesResponse,
  utf8,
  type EciesResponsePayload,
  type EciesScope,
  type EciesScopeInput,
  type EciesSharedInfo1,
  type ParsedEciesRequest,
  type ProtocolVersion,
} from "@/powerauth/server";
import type { RegistrationStatus } from "@/generated/prisma/enums";
import { defineStatement, hotQuery } from "@/server/db";
import { AppError } from "@/server/errors";
import { openSecret } from "@/server/security/secret-box";

import { masterKeyContext } from "../applications/application-keys";
import { activationKeysOf, openServerPrivateKey } from "./registration-keys";

export type MobileFailure = () => AppError;

export const encryptionFailed: MobileFailure = () => new AppError("ERR_ENCRYPTION", "POWER_AUTH_ENCRYPTION_FAILED");
export const temporaryKeyFailed: MobileFailure = () => new AppError("ERR_TEMPORARY_KEY", "POWER_AUTH_TEMPORARY_KEY_FAILURE");

export const temporaryKeyContext = (keyId: string) => `temporary-key:${keyId}`;

/** Runs a protocol step; a PowerAuthError from it becomes the given failure (its detail stays in the log). */
export function orFail<T>(failure: MobileFailure, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof PowerAuthError) throw failure();
    throw error;
  }
}

/** Who a request is for, as its header names it. IDs are kept exactly as sent (they enter the associated data). */
export interface EciesRecipient {
  applicationKey: string;
  version: ProtocolVersion;
  activationId?: string;
}

/** §5.5: `X-PowerAuth-Encryption`, with `activation_id` exactly in activation scope. */
export function recipientFromEncryptionHeader(header: string | undefined, scope: EciesScope): EciesRecipient {
  return orFail(encryptionFailed, () => parseEncryptionHeader(header, scope));
}

export interface EciesParties {
  recipient: EciesRecipient;
  scope: EciesScope;
  application: { id: string; appSecret: string; masterPrivateKeySealed: string | null };
  /** Activation scope only: the registration, past key exchange. */
  activation: { id: string; userId: string; status: RegistrationStatus; serverPrivateKey: Buffer; transportKey: Buffer } | null;
}

const APPLICATION_BY_KEY = defineStatement<[string]>()(
  "mobile_application_by_key",
  `SELECT v.application_id, v.app_secret, v.supported, a.allowed_protocol_versions,
          (SELECT m.private_key_encrypted FROM master_key_pair m WHERE m.application_id = a.id ORDER BY m.created_at DESC LIMIT 1) AS master_key
     FROM application_version v JOIN application a ON a.id = v.application_id
    WHERE v.app_key = $1`,
  (row) => ({
    applicationId: String(row.application_id),
    appSecret: String(row.app_secret),
    supported: Boolean(row.supported),
    allowedProtocolVersions: row.allowed_protocol_versions as string[],
    masterKeySealed: (row.master_key as string | null) ?? null,
  }),
);

const REGISTRATION_KEYS = defineStatement<[string]>()(
  "mobile_registration_keys",
  `SELECT id::text, application_id, user_id, status::text, server_private_key_encrypted, device_public_key
     FROM registration WHERE id = $1::uuid`,
  (row) => ({
    id: String(row.id),
    applicationId: String(row.application_id),
    userId: String(row.user_id),
    status: row.status as RegistrationStatus,
    serverPrivateKeyEncrypted: String(row.server_private_key_encrypted),
    devicePublicKey: (row.device_public_key as string | null) ?? null,
  }),
);

/**
 * Step 2: the application version must exist and be supported, the protocol version be allowed by
 * the application, and in activation scope the registration must exist, belong to the same
 * application and have finished key exchange (its state is the caller's to judge).
 */
export async function resolveEciesParties(recipient: EciesRecipient, scope: EciesScope, failure: MobileFailure): Promise<EciesParties> {
  const [version] = await hotQuery(APPLICATION_BY_KEY, [recipient.applicationKey]);
  if (!version || !version.supported || !version.allowedProtocolVersions.includes(recipient.version)) throw failure();
  const application = { id: version.applicationId, appSecret: version.appSecret, masterPrivateKeySealed: version.masterKeySealed };
  if (scope === "application") return { recipient, scope, application, activation: null };

  if (!recipient.activationId) throw failure();
  const [registration] = await hotQuery(REGISTRATION_KEYS, [recipient.activationId]);
  if (!registration || registration.applicationId !== application.id || !registration.devicePublicKey) throw failure();
  const keys = activationKeysOf({ ...registration, devicePublicKey: registration.devicePublicKey });
  return {
    recipient,
    scope,
    application,
    activation: {
      id: registration.id,
      userId: registration.userId,
      status: registration.status,
      serverPrivateKey: openServerPrivateKey(registration.id, registration.serverPrivateKeyEncrypted),
      transportKey: keys.transport,
    },
  };
}

const TEMPORARY_KEY = defineStatement<[string]>()(
  "mobile_temporary_key",
  "SELECT app_key, registration_id::text, private_key_encrypted, expires_at FROM temporary_key WHERE id = $1::uuid",
  (row) => ({
    appKey: String(row.app_key),
    registrationId: (row.registration_id as string | null) ?? null,
    privateKeySealed: String(row.private_key_encrypted),
    expiresAt: new Date(row.expires_at as string | Date).getTime(),
  }),
);

/** Step 3: the private key of §5.1's table for this request. */
export async function eciesPrivateKeyOf(parties: EciesParties, request: ParsedEciesRequest, now: number): Promise<Buffer> {
  if (request.temporaryKeyId === null) {
    if (parties.activation) return parties.activation.serverPrivateKey;
    if (!parties.application.masterPrivateKeySealed) throw encryptionFailed();
    return openSecret(parties.application.masterPrivateKeySealed, masterKeyContext(parties.application.id));
  }
  const [key] = await hotQuery(TEMPORARY_KEY, [request.temporaryKeyId]);
  const boundTo = parties.activation?.id ?? null;
  if (!key || key.appKey !== parties.recipient.applicationKey || key.registrationId?.toLowerCase() !== boundTo?.toLowerCase() || key.expiresAt <= now) {
    throw temporaryKeyFailed();
  }
  return openSecret(key.privateKeySealed, temporaryKeyContext(request.temporaryKeyId.toLowerCase()));
}

/** The scope inputs of §5.1 (the application secret as Base64 text; IDs as sent). */
export function eciesScopeInput(parties: EciesParties): EciesScopeInput {
  return {
    applicationKey: parties.recipient.applicationKey,
    applicationSecret: parties.application.appSecret,
    ...(parties.activation ? { activation: { activationId: parties.recipient.activationId!, transportKey: parties.activation.transportKey } } : {}),
  };
}

const REMEMBER_UNIQUE_VALUE = defineStatement<[string, Date]>()(
  "mobile_remember_unique_value",
  "INSERT INTO replay_record (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key",
  (row) => String(row.key),
);

/**
 * Step 4's replay protection: the unique value is good once. The insert decides atomically, and it
 * commits on its own, before the request is acted on: a replay is refused even when the first
 * request failed later.
 */
export async function rememberUniqueValue(uniqueValue: Buffer, expiresAt: number, failure: MobileFailure = encryptionFailed): Promise<void> {
  const key = `ecies:${crypto.createHash("sha256").update(uniqueValue).digest("hex")}`;
  const [inserted] = await hotQuery(REMEMBER_UNIQUE_VALUE, [key, new Date(expiresAt)]);
  if (!inserted) throw failure();
}

export interface OpenedEciesRequest {
  parties: EciesParties;
  /** The decrypted JSON (`{}` when the request carries nothing). */
  plaintext: Buffer;
  /** Encrypts the one response this request may get (§5.4). */
  respond(payload: unknown): EciesResponsePayload;
}

/**
 * Steps 1–5 for a single-layer request: token create, vault unlock and the like. `body` is the
 * parsed JSON of the raw body (for signed requests the signature covers those raw bytes).
 */
export async function openEciesRequest({
  recipient,
  sharedInfo1,
  body,
  failure,
  now = Date.now(),
}: {
  recipient: EciesRecipient;
  sharedInfo1: EciesSharedInfo1;
  body: unknown;
  /** The endpoint's error when the application or activation is not acceptable. */
  failure: MobileFailure;
  now?: number;
}): Promise<OpenedEciesRequest> {
  const scope = eciesScopeOf(sharedInfo1);
  const parties = await resolveEciesParties(recipient, scope, failure);
  const request = orFail(encryptionFailed, () => parseEciesRequest(body, recipient.version));
  const privateKey = await eciesPrivateKeyOf(parties, request, now);
  const decrypted = orFail(encryptionFailed, () => serverDecryptEciesRequest(request, { ...eciesScopeInput(parties), sharedInfo1, privateKey, now }));
  await rememberUniqueValue(decrypted.uniqueValue, decrypted.uniqueValueExpiresAt);
  return {
    parties,
    plaintext: decrypted.plaintext,
    respond: (payload) => serverEncryptEciesResponse(decrypted.context, utf8(JSON.stringify(payload)), { now: Date.now() }),
  };
}
