-- Every timestamp becomes timestamptz. The old columns held UTC wall-clock times (Prisma writes
-- UTC), so each value is read as UTC whatever the session's time zone is: the instants do not move
-- (the audit chain hashes them, and still verifies).

ALTER TABLE "application"
  ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC';

ALTER TABLE "master_key_pair"
  ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC';

ALTER TABLE "application_version"
  ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC';

ALTER TABLE "application_role"
  ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC';

ALTER TABLE "application_config"
  ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3) USING "updated_at" AT TIME ZONE 'UTC';

ALTER TABLE "integration_credential"
  ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "revoked_at" SET DATA TYPE TIMESTAMPTZ(3) USING "revoked_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "last_used_at" SET DATA TYPE TIMESTAMPTZ(3) USING "last_used_at" AT TIME ZONE 'UTC';

ALTER TABLE "staff_user"
  ALTER COLUMN "disabled_at" SET DATA TYPE TIMESTAMPTZ(3) USING "disabled_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "locked_until" SET DATA TYPE TIMESTAMPTZ(3) USING "locked_until" AT TIME ZONE 'UTC',
  ALTER COLUMN "last_login_at" SET DATA TYPE TIMESTAMPTZ(3) USING "last_login_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC',
  ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3) USING "updated_at" AT TIME ZONE 'UTC';

ALTER TABLE "audit_event"
  ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC';

ALTER TABLE "audit_verification"
  ALTER COLUMN "verified_at" SET DATA TYPE TIMESTAMPTZ(3) USING "verified_at" AT TIME ZONE 'UTC';

-- Rules the schema language cannot say, kept by the database itself:
-- an admin credential has no application, an application credential has one,
ALTER TABLE "integration_credential" ADD CONSTRAINT "integration_credential_scope_application_check"
  CHECK ((scope = 'ADMIN' AND application_id IS NULL) OR (scope = 'APPLICATION' AND application_id IS NOT NULL));
-- a configuration value is stored either plain or encrypted, never both and never neither.
ALTER TABLE "application_config" ADD CONSTRAINT "application_config_value_check"
  CHECK (("values" IS NULL) <> (values_encrypted IS NULL));

-- Unauthenticated callers (failed sign-ins, public routes) are recorded as ANONYMOUS, never as SYSTEM.
ALTER TYPE "actor_type" ADD VALUE 'ANONYMOUS';
