/**
 * How a push token is bound to a registration (push-server-api.txt "Device", protocol §14), shared
 * by the Push Server device API and the app's own registration:
 * - one row per registration and token; one token may serve several registrations (two users on
 *   one phone), never "the last one wins";
 * - a registration has one token at a time: registering again updates the row, a new token
 *   replaces the old one (delivery results start over);
 * - REMOVED or unknown registrations are refused; the row is ACTIVE while the registration is,
 *   INACTIVE otherwise (no personal messages). The registration row is share-locked, so a status
 *   change (which takes it for update and then runs the subscriber) cannot slip in between.
 */
import type { PushProvider, RegistrationStatus } from "@/generated/prisma/enums";
import type { SqlRunner } from "@/server/db";
import { AppError } from "@/server/errors";

export const PLATFORM_ALIASES: Record<string, PushProvider> = { apns: "APNS", ios: "APNS", fcm: "FCM", android: "FCM", hms: "HMS", huawei: "HMS" };

export interface PushDeviceBinding {
  platform: PushProvider;
  token: string;
  /** APNs only (`development` or `production`); null uses the credential's environment. */
  environment: "development" | "production" | null;
}

export const deviceStatusFor = (status: RegistrationStatus) => (status === "ACTIVE" ? "ACTIVE" : "INACTIVE");

export const activationNotFound = (activationId: string) => new AppError("ERROR_REGISTRATION_NOT_FOUND", `Activation not found: ${activationId}`);

/** Binds the token to the registration of the application; throws for a REMOVED or unknown one. */
export async function bindPushDevice(sql: SqlRunner, applicationId: string, registrationId: string, binding: PushDeviceBinding): Promise<void> {
  const [registration] = await sql.query(`SELECT user_id, status::text AS status FROM registration WHERE id = $1::uuid AND application_id = $2 FOR SHARE`, [registrationId, applicationId]);
  if (!registration || registration.status === "REMOVED") throw activationNotFound(registrationId);
  const environment = binding.platform === "APNS" ? binding.environment : null;
  await sql.query(
    `INSERT INTO push_device (application_id, registration_id, user_id, platform, environment, token, status)
     VALUES ($1, $2::uuid, $3, $4::push_provider, $5, $6, $7::push_device_status)
     ON CONFLICT (registration_id) DO UPDATE SET
       platform = EXCLUDED.platform, environment = EXCLUDED.environment, token = EXCLUDED.token, status = EXCLUDED.status, updated_at = now(),
       last_success_at = CASE WHEN push_device.token = EXCLUDED.token THEN push_device.last_success_at END,
       last_error_at = CASE WHEN push_device.token = EXCLUDED.token THEN push_device.last_error_at END,
       last_error = CASE WHEN push_device.token = EXCLUDED.token THEN push_device.last_error END`,
    [applicationId, registrationId, registration.user_id, binding.platform, environment, binding.token, deviceStatusFor(registration.status as RegistrationStatus)],
  );
}
