-- CreateEnum
CREATE TYPE "push_delivery_status" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "push_message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "application_id" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "sent_by" TEXT NOT NULL,
    "user_id" TEXT,
    "registration_id" UUID,
    "broadcast" BOOLEAN NOT NULL DEFAULT false,
    "test_token" TEXT,
    "test_platform" "push_provider",
    "test_environment" TEXT,
    "priority" TEXT NOT NULL,
    "silent" BOOLEAN NOT NULL,
    "personal" BOOLEAN NOT NULL,
    "body" JSONB NOT NULL,
    "fanout_cursor" BIGINT NOT NULL DEFAULT 0,
    "fanned_out_at" TIMESTAMPTZ(3),
    "device_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "push_delivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" UUID NOT NULL,
    "application_id" TEXT NOT NULL,
    "device_id" BIGINT,
    "registration_id" UUID,
    "user_id" TEXT,
    "platform" "push_provider" NOT NULL,
    "environment" TEXT,
    "token" TEXT NOT NULL,
    "status" "push_delivery_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMPTZ(3),
    "next_attempt_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "provider_status" INTEGER,
    "reason" TEXT,
    "provider_message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_delivery_pkey" PRIMARY KEY ("id")
) WITH (fillfactor = 80);

-- CreateTable
CREATE TABLE "push_delivery_attempt" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "provider_status" INTEGER,
    "reason" TEXT,

    CONSTRAINT "push_delivery_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "push_message_application_id_created_at_id_idx" ON "push_message"("application_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "push_message_application_id_user_id_created_at_idx" ON "push_message"("application_id", "user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "push_message_created_at_idx" ON "push_message"("created_at");

-- CreateIndex
CREATE INDEX "push_delivery_device_id_idx" ON "push_delivery"("device_id");

-- CreateIndex
CREATE UNIQUE INDEX "push_delivery_message_id_device_id_key" ON "push_delivery"("message_id", "device_id");

-- CreateIndex
CREATE INDEX "push_delivery_attempt_delivery_id_id_idx" ON "push_delivery_attempt"("delivery_id", "id");

-- AddForeignKey
ALTER TABLE "push_message" ADD CONSTRAINT "push_message_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_delivery" ADD CONSTRAINT "push_delivery_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "push_message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_delivery" ADD CONSTRAINT "push_delivery_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "push_device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_delivery_attempt" ADD CONSTRAINT "push_delivery_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "push_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Room in each page of push_device, so the last-success and last-error updates every delivery
-- makes stay HOT updates (none of those columns is indexed).
ALTER TABLE "push_device" SET (fillfactor = 90);
