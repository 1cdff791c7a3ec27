-- The console's virtual devices (issue 9 §4) and the indexes of the console's registration list and
-- the per-user support timeline (keyset on created_at, id across applications).
-- CreateTable
CREATE TABLE "virtual_device" (
    "registration_id" UUID NOT NULL,
    "state_encrypted" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "virtual_device_pkey" PRIMARY KEY ("registration_id")
);

-- CreateIndex
CREATE INDEX "registration_created_at_id_idx" ON "registration"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "registration_history_user_id_created_at_id_idx" ON "registration_history"("user_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "signature_event_user_id_created_at_id_idx" ON "signature_event"("user_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "operation_history_user_id_created_at_id_idx" ON "operation_history"("user_id", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "virtual_device" ADD CONSTRAINT "virtual_device_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

