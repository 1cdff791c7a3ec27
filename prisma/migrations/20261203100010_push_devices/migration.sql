-- CreateEnum
CREATE TYPE "push_provider" AS ENUM ('APNS', 'FCM', 'HMS');

-- CreateEnum
CREATE TYPE "push_device_status" AS ENUM ('ACTIVE', 'INACTIVE');

-- CreateTable
CREATE TABLE "push_application" (
    "application_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_application_pkey" PRIMARY KEY ("application_id")
);

-- CreateTable
CREATE TABLE "push_credential" (
    "application_id" TEXT NOT NULL,
    "provider" "push_provider" NOT NULL,
    "settings" JSONB NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "is_failing" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_credential_pkey" PRIMARY KEY ("application_id","provider")
);

-- CreateTable
CREATE TABLE "push_device" (
    "id" BIGSERIAL NOT NULL,
    "application_id" TEXT NOT NULL,
    "registration_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "platform" "push_provider" NOT NULL,
    "environment" TEXT,
    "token" TEXT NOT NULL,
    "status" "push_device_status" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_success_at" TIMESTAMPTZ(3),
    "last_error_at" TIMESTAMPTZ(3),
    "last_error" TEXT,

    CONSTRAINT "push_device_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "push_device_application_id_token_idx" ON "push_device"("application_id", "token");

-- CreateIndex
CREATE INDEX "push_device_application_id_user_id_id_idx" ON "push_device"("application_id", "user_id", "id");

-- CreateIndex
CREATE INDEX "push_device_application_id_id_idx" ON "push_device"("application_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "push_device_registration_id_key" ON "push_device"("registration_id");

-- AddForeignKey
ALTER TABLE "push_application" ADD CONSTRAINT "push_application_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_credential" ADD CONSTRAINT "push_credential_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "push_application"("application_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_device" ADD CONSTRAINT "push_device_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_device" ADD CONSTRAINT "push_device_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

