/**
 * Records one delivery run's answers in one transaction (issue 10 §3 "Outcomes"):
 * - every attempt gets a row (push_delivery_attempt: the console's message log);
 * - SENT: the delivery is done, the device's last success moves, a failing credential recovers;
 * - TOKEN_INVALID: the token is dead, so every device row of this application with that token is
 *   retired (deleted), unless it was registered again after this run began (a fresh
 *   registration of the same token is the app saying it works again);
 * - CREDENTIAL: our own key or secret was refused: the credential is marked failing (shown in the
 *   console), the device is never touched, and the delivery retries on the slow schedule;
 * - TRANSIENT: retried with backoff (push-retry-policy.ts), the retry job queued in this same
 *   transaction;
 * - REJECTED (and no credentials, expired): failed for good, the device stays.
 */
import type { PushProvider } from "@/generated/prisma/enums";
import { hotTransaction } from "@/server/db";
import type { DeliveryOutcome } from "@/server/push/provider";

import type { ClaimedDelivery } from "./deliver-push-batch";
import { enqueueDeliveries } from "./push-delivery-queue";
import { decideRetry } from "./push-retry-policy";

export interface AttemptResult {
  delivery: ClaimedDelivery;
  outcome: DeliveryOutcome & { final?: "NO_CREDENTIAL" | "EXPIRED" };
  startedAt: Date;
  durationMs: number;
}

const clip = (value: string | null | undefined, max = 500) => (value ? value.slice(0, max) : null);

export async function recordPushOutcomes(provider: PushProvider, results: AttemptResult[], runStartedAt: Date): Promise<{ sent: number; retrying: number; failed: number }> {
  const now = Date.now();
  const rows = results.map((result) => {
    const { delivery, outcome } = result;
    const decision = decideRetry({ kind: outcome.kind, attempts: delivery.attempts, retryAfterMs: outcome.retryAfterMs, validUntil: delivery.body.validUntil, now });
    const status = outcome.kind === "SENT" ? "SENT" : decision.retry ? "PENDING" : "FAILED";
    // The attempt keeps what the provider said; the delivery says why it ended where it did.
    const attemptOutcome = outcome.final ?? outcome.kind;
    const gaveUp = decision.retry === false && decision.reason !== "FINAL" ? decision.reason : null;
    const deliveryOutcome = gaveUp === "EXPIRED" ? "EXPIRED" : attemptOutcome;
    const reason =
      gaveUp === "OUT_OF_ATTEMPTS" ? `${outcome.reason ?? outcome.kind} (gave up after ${delivery.attempts} attempts)` : gaveUp === "EXPIRED" ? `${outcome.reason ?? outcome.kind} (validUntil passes before the next attempt)` : outcome.reason;
    return { result, status, attemptOutcome, outcome: deliveryOutcome, reason: clip(reason), nextAt: decision.retry ? decision.at : null };
  });

  await hotTransaction(async (sql) => {
    // The deliveries, their attempts and the devices' last success or error: one statement, one
    // round trip (this runs for every batch of every message).
    await sql.query(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::timestamptz[], $8::int[], $9::timestamptz[], $10::int[], $11::text[], $12::text[], $13::bigint[])
           AS v(id, status, outcome, provider_status, reason, provider_message_id, next_at, attempt, started_at, duration_ms, attempt_outcome, attempt_reason, device_id)),
       deliveries AS (
         UPDATE push_delivery d
            SET status = v.status::push_delivery_status, outcome = v.outcome, provider_status = v.provider_status, reason = v.reason,
                provider_message_id = COALESCE(v.provider_message_id, d.provider_message_id), next_attempt_at = v.next_at, lease_until = NULL, updated_at = now()
           FROM v WHERE d.id = v.id),
       attempts AS (
         INSERT INTO push_delivery_attempt (delivery_id, attempt, started_at, duration_ms, outcome, provider_status, reason)
         SELECT id, attempt, started_at, duration_ms, attempt_outcome, provider_status, attempt_reason FROM v),
       devices AS (
         UPDATE push_device p
            SET last_success_at = CASE WHEN v.status = 'SENT' THEN now() ELSE p.last_success_at END,
                last_error_at = CASE WHEN v.status = 'SENT' THEN p.last_error_at ELSE now() END,
                last_error = CASE WHEN v.status = 'SENT' THEN p.last_error ELSE COALESCE(v.reason, v.outcome) END
           FROM v WHERE p.id = v.device_id AND v.attempt_outcome NOT IN ('TOKEN_INVALID', 'CREDENTIAL'))
       SELECT 1`,
      [
        rows.map((row) => row.result.delivery.id),
        rows.map((row) => row.status),
        rows.map((row) => row.outcome),
        rows.map((row) => row.result.outcome.providerStatus),
        rows.map((row) => row.reason),
        rows.map((row) => clip(row.result.outcome.providerMessageId, 200)),
        rows.map((row) => row.nextAt),
        rows.map((row) => row.result.delivery.attempts),
        rows.map((row) => row.result.startedAt),
        rows.map((row) => row.result.durationMs),
        rows.map((row) => row.attemptOutcome),
        rows.map((row) => clip(row.result.outcome.reason)),
        rows.map((row) => row.result.delivery.deviceId),
      ],
    );

    const dead = rows.filter((row) => row.result.outcome.kind === "TOKEN_INVALID");
    if (dead.length > 0) {
      await sql.query(
        `DELETE FROM push_device d USING unnest($1::text[], $2::text[]) AS v(application_id, token)
          WHERE d.application_id = v.application_id AND d.platform = $3::push_provider AND d.token = v.token AND d.updated_at <= $4::timestamptz`,
        [dead.map((row) => row.result.delivery.applicationId), dead.map((row) => row.result.delivery.token), provider, runStartedAt],
      );
    }

    const refused = rows.filter((row) => row.result.outcome.kind === "CREDENTIAL");
    if (refused.length > 0) {
      await sql.query(
        `UPDATE push_credential c SET is_failing = true, last_error = v.reason, last_error_at = now()
           FROM (SELECT DISTINCT ON (application_id) application_id, reason FROM unnest($1::text[], $2::text[]) AS u(application_id, reason)) AS v
          WHERE c.application_id = v.application_id AND c.provider = $3::push_provider AND c.updated_at <= $4::timestamptz`,
        [refused.map((row) => row.result.delivery.applicationId), refused.map((row) => clip(row.result.outcome.reason) ?? "refused"), provider, runStartedAt],
      );
    }
    const healthy = [...new Set(rows.filter((row) => row.status === "SENT").map((row) => row.result.delivery.applicationId))];
    if (healthy.length > 0) await sql.query(`UPDATE push_credential SET is_failing = false WHERE is_failing AND provider = $2::push_provider AND application_id = ANY($1::text[])`, [healthy, provider]);

    // Retries: one job per second of due time (a 429 storm's retries spread by their jitter).
    const retries = new Map<number, { id: string; platform: PushProvider }[]>();
    for (const row of rows) {
      if (!row.nextAt) continue;
      const second = Math.ceil(row.nextAt.getTime() / 1000) * 1000;
      const due = retries.get(second) ?? [];
      due.push({ id: row.result.delivery.id, platform: provider });
      retries.set(second, due);
    }
    for (const [second, deliveries] of retries) await enqueueDeliveries(sql, deliveries, new Date(second));
  });

  return {
    sent: rows.filter((row) => row.status === "SENT").length,
    retrying: rows.filter((row) => row.status === "PENDING").length,
    failed: rows.filter((row) => row.status === "FAILED").length,
  };
}
