-- Registrations (activations), their history and verification events, tokens, temporary keys,
-- replay records, operation templates, operations and their history (issue: registrations,
-- operations and verification).
-- A customer's device acting on its own registration (a signed or token-authenticated request).
ALTER TYPE "actor_type" ADD VALUE 'DEVICE';

-- CreateEnum
CREATE TYPE "registration_status" AS ENUM ('CREATED', 'PENDING_COMMIT', 'ACTIVE', 'BLOCKED', 'REMOVED');

-- CreateEnum
CREATE TYPE "otp_validation" AS ENUM ('NONE', 'ON_KEY_EXCHANGE', 'ON_COMMIT');

-- CreateEnum
CREATE TYPE "operation_status" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELED', 'EXPIRED', 'FAILED');

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "activation_validity_seconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN     "allowed_protocol_versions" TEXT[] DEFAULT ARRAY['3.0', '3.1', '3.2', '3.3']::TEXT[],
ADD COLUMN     "max_failed_attempts" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "signature_look_ahead" INTEGER NOT NULL DEFAULT 20;

-- CreateTable
CREATE TABLE "registration" (
    "id" UUID NOT NULL,
    "application_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "registration_status" NOT NULL,
    "activation_code" TEXT NOT NULL,
    "activation_signature" TEXT NOT NULL,
    "otp_validation" "otp_validation" NOT NULL DEFAULT 'NONE',
    "otp_hash" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "blocked_reason" TEXT,
    "server_public_key" TEXT NOT NULL,
    "server_private_key_encrypted" TEXT NOT NULL,
    "device_public_key" TEXT,
    "ctr_data" TEXT,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "max_failed_attempts" INTEGER NOT NULL,
    "fingerprint" TEXT,
    "name" TEXT,
    "platform" TEXT,
    "device_info" TEXT,
    "extras" TEXT,
    "protocol_version" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registration_history" (
    "id" BIGSERIAL NOT NULL,
    "registration_id" UUID NOT NULL,
    "application_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "from_status" "registration_status",
    "to_status" "registration_status" NOT NULL,
    "reason" TEXT,
    "actor_type" "actor_type" NOT NULL,
    "actor_label" TEXT NOT NULL,
    "external_user_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signature_event" (
    "id" BIGSERIAL NOT NULL,
    "registration_id" UUID,
    "application_id" TEXT NOT NULL,
    "user_id" TEXT,
    "kind" TEXT NOT NULL,
    "signature_type" TEXT,
    "protocol_version" TEXT,
    "valid" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,
    "data" TEXT,
    "counter" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signature_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "token" (
    "id" UUID NOT NULL,
    "registration_id" UUID NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "signature_type" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "temporary_key" (
    "id" UUID NOT NULL,
    "app_key" TEXT NOT NULL,
    "registration_id" UUID,
    "public_key" TEXT NOT NULL,
    "private_key_encrypted" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "temporary_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replay_record" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "replay_record_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "operation_template" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "operation_type" TEXT NOT NULL,
    "data_template" TEXT NOT NULL,
    "signature_types" TEXT[],
    "expiration_seconds" INTEGER NOT NULL,
    "max_failure_count" INTEGER NOT NULL,
    "proximity_check" BOOLEAN NOT NULL DEFAULT false,
    "risk_flags" TEXT NOT NULL DEFAULT '',
    "texts" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operation_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operation" (
    "id" UUID NOT NULL,
    "application_id" TEXT NOT NULL,
    "user_id" TEXT,
    "template_id" UUID NOT NULL,
    "template_name" TEXT NOT NULL,
    "operation_type" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "language" TEXT NOT NULL DEFAULT 'en',
    "external_id" TEXT,
    "activation_flag" TEXT,
    "status" "operation_status" NOT NULL,
    "status_reason" TEXT,
    "signature_types" TEXT[],
    "risk_flags" TEXT NOT NULL DEFAULT '',
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "max_failure_count" INTEGER NOT NULL,
    "proximity_seed_encrypted" TEXT,
    "additional_data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "operation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operation_history" (
    "id" BIGSERIAL NOT NULL,
    "operation_id" UUID NOT NULL,
    "application_id" TEXT NOT NULL,
    "user_id" TEXT,
    "from_status" "operation_status",
    "to_status" "operation_status" NOT NULL,
    "reason" TEXT,
    "registration_id" UUID,
    "actor_type" "actor_type" NOT NULL,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operation_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "registration_application_id_user_id_created_at_id_idx" ON "registration"("application_id", "user_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "registration_user_id_idx" ON "registration"("user_id");

-- CreateIndex
CREATE INDEX "registration_status_expires_at_idx" ON "registration"("status", "expires_at");

-- CreateIndex
CREATE INDEX "registration_history_registration_id_id_idx" ON "registration_history"("registration_id", "id");

-- CreateIndex
CREATE INDEX "registration_history_application_id_user_id_created_at_idx" ON "registration_history"("application_id", "user_id", "created_at");

-- CreateIndex
CREATE INDEX "signature_event_application_id_user_id_created_at_idx" ON "signature_event"("application_id", "user_id", "created_at");

-- CreateIndex
CREATE INDEX "signature_event_registration_id_created_at_idx" ON "signature_event"("registration_id", "created_at");

-- CreateIndex
CREATE INDEX "token_registration_id_idx" ON "token"("registration_id");

-- CreateIndex
CREATE INDEX "temporary_key_expires_at_idx" ON "temporary_key"("expires_at");

-- CreateIndex
CREATE INDEX "replay_record_expires_at_idx" ON "replay_record"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "operation_template_name_key" ON "operation_template"("name");

-- CreateIndex
CREATE INDEX "operation_application_id_user_id_status_created_at_idx" ON "operation"("application_id", "user_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "operation_status_expires_at_idx" ON "operation"("status", "expires_at");

-- CreateIndex
CREATE INDEX "operation_external_id_idx" ON "operation"("external_id");

-- CreateIndex
CREATE INDEX "operation_history_operation_id_id_idx" ON "operation_history"("operation_id", "id");

-- CreateIndex
CREATE INDEX "operation_history_application_id_user_id_created_at_idx" ON "operation_history"("application_id", "user_id", "created_at");

-- AddForeignKey
ALTER TABLE "registration" ADD CONSTRAINT "registration_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration_history" ADD CONSTRAINT "registration_history_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "token" ADD CONSTRAINT "token_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation" ADD CONSTRAINT "operation_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation" ADD CONSTRAINT "operation_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "operation_template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_history" ADD CONSTRAINT "operation_history_operation_id_fkey" FOREIGN KEY ("operation_id") REFERENCES "operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- An activation code identifies the registration being activated: unique among the unfinished
-- registrations of an application (finished ones keep theirs for the history).
CREATE UNIQUE INDEX "registration_open_activation_code_key" ON "registration" ("application_id", "activation_code")
  WHERE "status" IN ('CREATED', 'PENDING_COMMIT');

-- Settings the protocol needs in range.
ALTER TABLE "application" ADD CONSTRAINT "application_protocol_settings_check" CHECK (
  "activation_validity_seconds" BETWEEN 10 AND 2592000 AND "max_failed_attempts" BETWEEN 1 AND 100 AND "signature_look_ahead" BETWEEN 1 AND 100
);
ALTER TABLE "registration" ADD CONSTRAINT "registration_counters_check" CHECK ("failed_attempts" >= 0 AND "max_failed_attempts" > 0 AND "counter" >= 0);
ALTER TABLE "operation" ADD CONSTRAINT "operation_counters_check" CHECK ("failure_count" >= 0 AND "max_failure_count" > 0);
ALTER TABLE "operation_template" ADD CONSTRAINT "operation_template_limits_check" CHECK ("expiration_seconds" > 0 AND "max_failure_count" > 0 AND cardinality("signature_types") > 0);
