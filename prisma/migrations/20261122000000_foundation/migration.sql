-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "credential_scope" AS ENUM ('APPLICATION', 'ADMIN');

-- CreateEnum
CREATE TYPE "staff_role" AS ENUM ('ADMINISTRATOR', 'OPERATOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "actor_type" AS ENUM ('STAFF', 'CREDENTIAL', 'CLI', 'SYSTEM');

-- CreateTable
CREATE TABLE "application" (
    "id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_key_pair" (
    "id" UUID NOT NULL,
    "application_id" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "private_key_encrypted" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "master_key_pair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_version" (
    "id" UUID NOT NULL,
    "application_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "app_key" TEXT NOT NULL,
    "app_secret" TEXT NOT NULL,
    "supported" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_role" (
    "application_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_role_pkey" PRIMARY KEY ("application_id","name")
);

-- CreateTable
CREATE TABLE "application_config" (
    "application_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "values" JSONB,
    "values_encrypted" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "application_config_pkey" PRIMARY KEY ("application_id","key")
);

-- CreateTable
CREATE TABLE "integration_credential" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "scope" "credential_scope" NOT NULL,
    "application_id" TEXT,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "revoked_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "integration_credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "staff_role" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "disabled_at" TIMESTAMP(3),
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    "last_login_at" TIMESTAMP(3),
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "application_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_verification" (
    "id" UUID NOT NULL,
    "verified_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "entries" INTEGER NOT NULL,
    "broken_at_id" BIGINT,
    "head_hash" TEXT,
    "message" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,

    CONSTRAINT "audit_verification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "master_key_pair_application_id_created_at_idx" ON "master_key_pair"("application_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "application_version_app_key_key" ON "application_version"("app_key");

-- CreateIndex
CREATE UNIQUE INDEX "application_version_application_id_name_key" ON "application_version"("application_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "integration_credential_username_key" ON "integration_credential"("username");

-- CreateIndex
CREATE INDEX "integration_credential_application_id_idx" ON "integration_credential"("application_id");

-- CreateIndex
CREATE UNIQUE INDEX "staff_user_email_key" ON "staff_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_hash_key" ON "audit_event"("hash");

-- CreateIndex
CREATE INDEX "audit_event_created_at_idx" ON "audit_event"("created_at");

-- CreateIndex
CREATE INDEX "audit_event_action_idx" ON "audit_event"("action");

-- CreateIndex
CREATE INDEX "audit_event_target_type_target_id_idx" ON "audit_event"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "audit_event_application_id_idx" ON "audit_event"("application_id");

-- CreateIndex
CREATE INDEX "audit_event_actor_label_idx" ON "audit_event"("actor_label");

-- CreateIndex
CREATE INDEX "audit_verification_verified_at_idx" ON "audit_verification"("verified_at");

-- AddForeignKey
ALTER TABLE "master_key_pair" ADD CONSTRAINT "master_key_pair_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_version" ADD CONSTRAINT "application_version_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_role" ADD CONSTRAINT "application_role_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_config" ADD CONSTRAINT "application_config_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integration_credential" ADD CONSTRAINT "integration_credential_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

