-- Credential rotation: the new secret's hash replaces secret_hash, and the previous one stays
-- valid until previous_secret_expires_at so backends can switch without downtime.
-- (No semicolons in comments: the adapter's migration runner splits statements on them.)
ALTER TABLE "integration_credential"
  ADD COLUMN "rotated_at" TIMESTAMPTZ(3),
  ADD COLUMN "previous_secret_hash" TEXT,
  ADD COLUMN "previous_secret_expires_at" TIMESTAMPTZ(3);

-- A previous secret without an expiry would be valid for ever: the two are set and cleared together.
ALTER TABLE "integration_credential" ADD CONSTRAINT "integration_credential_previous_secret_check"
  CHECK ((previous_secret_hash IS NULL) = (previous_secret_expires_at IS NULL));
