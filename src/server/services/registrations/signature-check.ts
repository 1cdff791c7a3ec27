/**
 * Checking a PowerAuth signature against a registration, with its side effects, in one hot
 * transaction (protocol §10.5, §10.6, §17): the registration row is locked (`FOR UPDATE`), the
 * counter, failure count and blocking are decided and written, and the check is recorded as a
 * signature event, before the lock is released. So the same valid signature sent 50 times at
 * once is valid exactly once (the others meet an advanced counter), and concurrent different
 * signatures advance the counter one after another.
 *
 * Online signatures (`verifyOnlineSignature`), offline OTPs and the mobile endpoints' signature
 * authentication all go through `checkSignature`, which takes the verification itself as a
 * function of the locked registration.
 */
import {
  decideFailure,
  signatureFormatForVersion,
  type SignatureType,
  type SignatureVerificationResult,
} from "@/powerauth/server";
import type { RegistrationStatus } from "@/generated/prisma/enums";
import { defineStatement, hotTransaction, type SqlRunner } from "@/server/db";

import { deviceActor, type Actor } from "../access/actor";
import { activationKeysOf } from "./registration-keys";
import { recordRegistrationChange } from "./registration-changes";

/** The locked registration with what a check needs of its application. */
export interface LockedRegistration {
  id: string;
  applicationId: string;
  userId: string;
  status: RegistrationStatus;
  flags: string[];
  ctrData: Buffer;
  counter: number;
  failedAttempts: number;
  maxFailedAttempts: number;
  serverPrivateKeyEncrypted: string;
  devicePublicKey: string;
  serverPublicKey: string;
  lookAhead: number;
  allowedProtocolVersions: string[];
  roles: string[];
}

const LOCK_REGISTRATION = defineStatement<[string]>()(
  "lock_registration_for_signature",
  `SELECT r.id, r.application_id, r.user_id, r.status, r.flags, r.ctr_data, r.counter, r.failed_attempts, r.max_failed_attempts,
          r.server_private_key_encrypted, r.device_public_key, r.server_public_key,
          a.signature_look_ahead, a.allowed_protocol_versions,
          (SELECT coalesce(json_agg(ar.name ORDER BY ar.name COLLATE "C"), '[]') FROM application_role ar WHERE ar.application_id = a.id) AS roles
     FROM registration r JOIN application a ON a.id = r.application_id
    WHERE r.id = $1::uuid
      FOR UPDATE OF r`,
  (row): LockedRegistration | null =>
    row.ctr_data && row.device_public_key
      ? {
          id: String(row.id),
          applicationId: String(row.application_id),
          userId: String(row.user_id),
          status: row.status as RegistrationStatus,
          flags: row.flags as string[],
          ctrData: Buffer.from(row.ctr_data as string, "base64"),
          counter: Number(row.counter),
          failedAttempts: Number(row.failed_attempts),
          maxFailedAttempts: Number(row.max_failed_attempts),
          serverPrivateKeyEncrypted: String(row.server_private_key_encrypted),
          devicePublicKey: row.device_public_key as string,
          serverPublicKey: String(row.server_public_key),
          lookAhead: Number(row.signature_look_ahead),
          allowedProtocolVersions: row.allowed_protocol_versions as string[],
          roles: row.roles as string[],
        }
      : null, // never past key exchange: nothing to verify against (§9 "no device key yet")
);

const APPLICATION_VERSION_BY_KEY = defineStatement<[string]>()(
  "application_version_by_key",
  "SELECT application_id, app_secret, supported FROM application_version WHERE app_key = $1",
  (row) => ({ applicationId: String(row.application_id), appSecret: String(row.app_secret), supported: Boolean(row.supported) }),
);

/** What the caller asks: which registration, with which version and app key, of which type. */
export interface SignatureCheckRequest {
  registrationId: string;
  applicationKey: string;
  version: string;
  signatureType: SignatureType;
  /** The calling credential's application (Cloud API); a registration of another one is "not found". */
  applicationId?: string | null;
  /** The endpoint's allowed types (§10.4); a type outside them is refused without counting. */
  allowedTypes?: readonly SignatureType[];
  kind: "SIGNATURE" | "OFFLINE";
  /** Recorded with the event: `METHOD\nURI_ID\nBODY` (the documented eventData), truncated. */
  eventData: string;
  /** Who is acting when the check blocks the registration; the registration's own device when not given. */
  actor?: Actor;
}

export type SignatureCheckNote =
  | "signature_ok"
  | "signature_does_not_match"
  | "activation_not_found"
  | "activation_invalid_state"
  | "activation_invalid_application"
  | "protocol_version_not_allowed"
  | "signature_type_not_allowed"
  | "max_failed_attempts";

export interface SignatureCheckOutcome {
  valid: boolean;
  note: SignatureCheckNote;
  /** The registration after the check, or null when there is none (unknown, or never activated). */
  registration: (Omit<LockedRegistration, "ctrData" | "serverPrivateKeyEncrypted"> & { status: RegistrationStatus }) | null;
  signatureType: SignatureType;
  remainingAttempts: number;
  /** Filled by the verification on success (e.g. the offline candidate that matched). */
  matched: SignatureVerificationResult | null;
}

/**
 * The verification proper, given the locked registration, its derived keys and the
 * application secret of the version used: returns the library's result (§10.5 step 5–6).
 */
export type SignatureVerifier = (input: {
  registration: LockedRegistration;
  keys: ReturnType<typeof activationKeysOf>;
  applicationSecret: string;
  format: ReturnType<typeof signatureFormatForVersion>;
}) => SignatureVerificationResult;

const EVENT_DATA_LIMIT = 4000;

async function recordEvent(sql: SqlRunner, request: SignatureCheckRequest, outcome: SignatureCheckOutcome, applicationId: string): Promise<void> {
  await sql.query(
    `INSERT INTO signature_event (registration_id, application_id, user_id, kind, signature_type, protocol_version, valid, note, data, counter)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      outcome.registration?.id ?? null,
      applicationId,
      outcome.registration?.userId ?? null,
      request.kind,
      request.signatureType,
      request.version,
      outcome.valid,
      outcome.note,
      request.eventData.slice(0, EVENT_DATA_LIMIT),
      outcome.registration ? outcome.registration.counter : null,
    ],
  );
}

function publicView(registration: LockedRegistration, status: RegistrationStatus) {
  const { ctrData: _ctr, serverPrivateKeyEncrypted: _key, ...rest } = registration;
  return { ...rest, status };
}

export async function checkSignature(request: SignatureCheckRequest, verify: SignatureVerifier): Promise<SignatureCheckOutcome> {
  return hotTransaction(async (sql) => {
    const [locked] = await sql.statement(LOCK_REGISTRATION, [request.registrationId]);
    const registration = locked && (!request.applicationId || locked.applicationId === request.applicationId) ? locked : null;
    if (!registration) {
      // §10.5 step 1: unknown is simply invalid, reported as REMOVED; nothing to lock or count.
      const outcome: SignatureCheckOutcome = { valid: false, note: "activation_not_found", registration: null, signatureType: request.signatureType, remainingAttempts: 0, matched: null };
      if (request.applicationId) await recordEvent(sql, request, outcome, request.applicationId);
      return outcome;
    }

    const finish = async (outcome: Omit<SignatureCheckOutcome, "registration">, update: { failedAttempts: number; block: boolean; ctrData?: Buffer; counter?: number }) => {
      const status: RegistrationStatus = update.block ? "BLOCKED" : registration.status;
      await sql.query(
        `UPDATE registration SET failed_attempts = $2, status = $3::registration_status,
                blocked_reason = CASE WHEN $4 THEN 'MAX_FAILED_ATTEMPTS' ELSE blocked_reason END,
                ctr_data = coalesce($5, ctr_data), counter = coalesce($6::bigint, counter),
                last_used_at = now(), last_changed_at = CASE WHEN $4 THEN now() ELSE last_changed_at END
          WHERE id = $1::uuid`,
        [registration.id, update.failedAttempts, status, update.block, update.ctrData?.toString("base64") ?? null, update.counter ?? null],
      );
      if (update.block) {
        await recordRegistrationChange(sql, {
          registrationId: registration.id,
          applicationId: registration.applicationId,
          userId: registration.userId,
          from: registration.status,
          to: "BLOCKED",
          reason: "MAX_FAILED_ATTEMPTS",
          actor: request.actor ?? deviceActor(registration),
        });
      }
      const after = { ...registration, failedAttempts: update.failedAttempts, counter: update.counter ?? registration.counter };
      const full: SignatureCheckOutcome = { ...outcome, registration: publicView(after, status) };
      await recordEvent(sql, request, full, registration.applicationId);
      return full;
    };
    const refuse = (note: SignatureCheckNote, counted: boolean) => {
      const decision = decideFailure(request.signatureType, registration.failedAttempts, registration.maxFailedAttempts, counted);
      return finish(
        { valid: false, note, signatureType: request.signatureType, remainingAttempts: decision.remainingAttempts, matched: null },
        // §10.5 step 3: a registration that is not ACTIVE is not blocked by a check.
        { failedAttempts: decision.failedAttempts, block: registration.status === "ACTIVE" && decision.blockActivation },
      );
    };

    // §10.5 step 2: the version must exist, be supported and belong to the registration's application.
    const [version] = await sql.statement(APPLICATION_VERSION_BY_KEY, [request.applicationKey]);
    if (!version || !version.supported || version.applicationId !== registration.applicationId) {
      return refuse("activation_invalid_application", registration.status === "ACTIVE");
    }
    if (registration.status !== "ACTIVE") return refuse("activation_invalid_state", false);
    if (!registration.allowedProtocolVersions.includes(request.version)) return refuse("protocol_version_not_allowed", false);
    if (request.allowedTypes && !request.allowedTypes.includes(request.signatureType)) return refuse("signature_type_not_allowed", false);

    const result = verify({
      registration,
      keys: activationKeysOf(registration),
      applicationSecret: version.appSecret,
      format: signatureFormatForVersion(request.version as Parameters<typeof signatureFormatForVersion>[0]),
    });
    const note: SignatureCheckNote = result.valid ? "signature_ok" : result.reason === "MAX_FAILED_ATTEMPTS" ? "max_failed_attempts" : "signature_does_not_match";
    return finish(
      { valid: result.valid, note, signatureType: result.signatureType, remainingAttempts: result.remainingAttempts, matched: result.valid ? result : null },
      { failedAttempts: result.failedAttempts, block: result.blockActivation, ...(result.valid ? { ctrData: result.ctrData, counter: result.counter } : {}) },
    );
  });
}
