/**
 * Many push devices at once, for fan-out tests and the push benchmark: ACTIVE registrations (one
 * user each) and an APNs (or other) device per registration, written by SQL with generate_series.
 * The registrations carry placeholder keys: they exist for the push tables' references and can
 * never activate or sign (nothing protocol-related reads them).
 */
import { hotQuery, defineStatement } from "@/server/db";
import type { PushProvider } from "@/generated/prisma/enums";

const insertRegistrations = defineStatement<[string, string, number]>()(
  "test_bulk_registrations",
  `INSERT INTO registration (id, application_id, user_id, status, activation_code, activation_signature, expires_at, server_public_key, server_private_key_encrypted, max_failed_attempts)
   SELECT gen_random_uuid(), $1, $2 || '-' || n, 'ACTIVE', 'BULK-' || md5($2 || n), 'bulk', now() + interval '1 day', 'bulk', 'bulk', 5
     FROM generate_series(1, $3::int) AS n`,
  () => null,
);

const insertDevices = defineStatement<[string, string, string, string | null]>()(
  "test_bulk_devices",
  `INSERT INTO push_device (application_id, registration_id, user_id, platform, environment, token, status)
   SELECT r.application_id, r.id, r.user_id, $3::push_provider, $4, encode(sha256(convert_to(r.user_id, 'UTF8')), 'hex'), 'ACTIVE'
     FROM registration r WHERE r.application_id = $1 AND r.user_id LIKE $2 || '-%'`,
  () => null,
);

/** `count` users `<userPrefix>-1…n`, each with one device whose token is the hex SHA-256 of the user id. */
export async function makeBulkPushDevices({ applicationId, userPrefix, count, platform = "APNS", environment = "development" }: { applicationId: string; userPrefix: string; count: number; platform?: PushProvider; environment?: string | null }) {
  await hotQuery(insertRegistrations, [applicationId, userPrefix, count]);
  await hotQuery(insertDevices, [applicationId, userPrefix, platform, platform === "APNS" ? environment : null]);
}
