-- The audit chain becomes keyed (HMAC-SHA256 under AUDIT_CHAIN_KEY, which lives in secrets.json or
-- the environment, never in the database), cannot fork, and remembers the heads it verified.

-- Every entry written so far was hashed with plain SHA-256 by the earlier version. A migration is
-- SQL and the key is not in the database, so those entries cannot be re-sealed here: they stay
-- version 1 and verify as before, and every entry from now on is version 2. The default exists
-- only to mark the existing rows: afterwards the writer must name the version.
ALTER TABLE "audit_event" ADD COLUMN "hash_version" SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE "audit_event" ALTER COLUMN "hash_version" DROP DEFAULT;
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_hash_version_check" CHECK ("hash_version" IN (1, 2));

-- Two entries that name the same predecessor would fork the chain. The writers always held an
-- advisory lock, so an existing log has no duplicates. If this fails, the log was forked by hand
-- and `audit verify` on the previous version names where.
CREATE UNIQUE INDEX "audit_event_prev_hash_key" ON "audit_event"("prev_hash");

-- The head (last entry) each verification saw, next to its hash and count.
ALTER TABLE "audit_verification" ADD COLUMN "head_id" BIGINT;

-- Indexes for the console's list: newest first by (created_at, id) with a keyset cursor, each
-- filter an equality, optionally within a time window (see schema.prisma). Each index is
-- (filter, created_at, id), so a page of any filter, with or without a window, is one range scan.
-- (target_type, target_id) gives way to one index per column: they are separate filters. The
-- leading columns of action and target_type also list their distinct values for the dropdowns.
DROP INDEX "audit_event_created_at_idx";
DROP INDEX "audit_event_action_idx";
DROP INDEX "audit_event_target_type_target_id_idx";
DROP INDEX "audit_event_application_id_idx";
DROP INDEX "audit_event_actor_label_idx";
CREATE INDEX "audit_event_created_at_id_idx" ON "audit_event"("created_at", "id");
CREATE INDEX "audit_event_action_created_at_id_idx" ON "audit_event"("action", "created_at", "id");
CREATE INDEX "audit_event_target_type_created_at_id_idx" ON "audit_event"("target_type", "created_at", "id");
CREATE INDEX "audit_event_target_id_created_at_id_idx" ON "audit_event"("target_id", "created_at", "id");
CREATE INDEX "audit_event_application_id_created_at_id_idx" ON "audit_event"("application_id", "created_at", "id");
CREATE INDEX "audit_event_actor_label_created_at_id_idx" ON "audit_event"("actor_label", "created_at", "id");
