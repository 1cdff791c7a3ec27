/**
 * One delivery job's run (src/server/jobs/definitions/push-deliver.ts): takes its deliveries with
 * a lease, sends each to the provider with its fixed id, and records what came back.
 *
 * - Taking is one UPDATE: a delivery is taken when PENDING (and due), or SENDING with an expired
 *   lease (its worker died). Two runs of one job cannot both take a delivery; a delivery another
 *   run holds is handed to a new job scheduled after that lease, so none is stranded.
 * - Sending is concurrent (the provider client multiplexes one HTTP/2 connection or keeps a pool).
 * - Recording is one transaction per run (record-push-outcomes.ts). A worker killed between the
 *   provider's answer and the record sends those deliveries again after the lease, with the same
 *   `apns-id`, which APNs (and our simulator) treat as the same notification.
 */
import type { PushProvider } from "@/generated/prisma/enums";
import { defineStatement, hotQuery, hotTransaction } from "@/server/db";
import { logger } from "@/server/logger";
import type { ApnsSettings, FcmSettings, HmsSettings } from "@/server/push/credential-validation";
import type { DeliveryOutcome, ProviderCredential, PushBody, PushPriority, PushProviderClient } from "@/server/push/provider";
import { getProviderClient } from "@/server/push/provider-clients";
import { openSecretText } from "@/server/security/secret-box";

import { enqueueDeliveries } from "./push-delivery-queue";
import { pushCredentialContext } from "./push-credential-store";
import { recordPushOutcomes, type AttemptResult } from "./record-push-outcomes";

/** How long a run may hold its deliveries: longer than a provider call may take (timeout 10 s) plus the record. */
const LEASE_SECONDS = 30;

export interface ClaimedDelivery {
  id: string;
  applicationId: string;
  deviceId: string | null;
  token: string;
  environment: string | null;
  attempts: number;
  priority: PushPriority;
  silent: boolean;
  body: PushBody;
}

const claim = defineStatement<[string[], string]>()(
  "push_claim_deliveries",
  `UPDATE push_delivery d
      SET status = 'SENDING', lease_until = now() + interval '${LEASE_SECONDS} seconds', attempts = d.attempts + 1, updated_at = now()
     FROM push_message m
    WHERE d.id = ANY($1::uuid[]) AND d.platform = $2::push_provider AND m.id = d.message_id
      AND ((d.status = 'PENDING' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now() + interval '1 second'))
           OR (d.status = 'SENDING' AND d.lease_until < now()))
  RETURNING d.id::text AS id, d.application_id, d.device_id::text AS device_id, d.token, d.environment, d.attempts, m.priority, m.silent, m.body`,
  (row): ClaimedDelivery => ({
    id: String(row.id),
    applicationId: String(row.application_id),
    deviceId: typeof row.device_id === "string" ? row.device_id : null,
    token: String(row.token),
    environment: typeof row.environment === "string" ? row.environment : null,
    attempts: Number(row.attempts),
    priority: row.priority === "NORMAL" ? "NORMAL" : "HIGH",
    silent: row.silent === true,
    body: row.body ?? {},
  }),
);

/** Deliveries of the job that are not final and that this run did not take, and when they are due. */
const heldElsewhere = defineStatement<[string[], string[]]>()(
  "push_deliveries_held_elsewhere",
  `SELECT id::text AS id, platform::text AS platform, GREATEST(COALESCE(lease_until, now()), COALESCE(next_attempt_at, now())) AS due
     FROM push_delivery WHERE id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[])) AND status IN ('PENDING', 'SENDING')`,
  (row) => ({ id: String(row.id), platform: String(row.platform) as PushProvider, due: new Date(row.due as string) }),
);

const credentials = defineStatement<[string[], string]>()(
  "push_delivery_credentials",
  `SELECT application_id, settings, secret_encrypted, updated_at FROM push_credential WHERE application_id = ANY($1::text[]) AND provider = $2::push_provider`,
  (row) => ({ applicationId: String(row.application_id), settings: row.settings, secretEncrypted: String(row.secret_encrypted), updatedAt: new Date(row.updated_at as string) }),
);

const PROVIDER_NAMES: Record<PushProvider, string> = { APNS: "APNs", FCM: "FCM", HMS: "HMS" };

export interface DeliveryRunSummary {
  taken: number;
  sent: number;
  retrying: number;
  failed: number;
  handedOn: number;
}

export async function deliverPushBatch(provider: PushProvider, deliveryIds: string[]): Promise<DeliveryRunSummary> {
  const claimed = await hotQuery(claim, [deliveryIds, provider]);
  const held = claimed.length === deliveryIds.length ? [] : await hotQuery(heldElsewhere, [deliveryIds, claimed.map((delivery) => delivery.id)]);
  if (held.length > 0) {
    // Due at the latest of them: one job, a second after the last lease or backoff ends.
    const due = new Date(Math.max(...held.map((row) => row.due.getTime())) + 1000);
    await hotTransaction((sql) => enqueueDeliveries(sql, held, due));
  }
  if (claimed.length === 0) return { taken: 0, sent: 0, retrying: 0, failed: 0, handedOn: held.length };

  const startedAt = new Date();
  const senders = senderPerApplication(provider, await hotQuery(credentials, [[...new Set(claimed.map((delivery) => delivery.applicationId))], provider]));

  const results = await Promise.all(
    claimed.map(async (delivery): Promise<AttemptResult> => {
      const began = Date.now();
      const outcome = await sendOne(provider, delivery, senders.get(delivery.applicationId));
      return { delivery, outcome, startedAt: new Date(began), durationMs: Date.now() - began };
    }),
  );
  const summary = await recordPushOutcomes(provider, results, startedAt);
  return { ...summary, taken: claimed.length, handedOn: held.length };
}

type CredentialRow = { settings: unknown; secretEncrypted: string; updatedAt: Date; applicationId: string };

/** Each application's client, or why there is none: the secret is opened once per application and run, not per delivery. */
type Sender = { client: PushProviderClient; environment: string | undefined } | { failure: DeliveryOutcome };

function senderPerApplication(provider: PushProvider, rows: CredentialRow[]): Map<string, Sender> {
  const senders = new Map<string, Sender>();
  for (const row of rows) {
    try {
      const client = getProviderClient({ applicationId: row.applicationId, provider, credentialVersion: row.updatedAt.toISOString() }, toProviderCredential(provider, row));
      senders.set(row.applicationId, { client, environment: (row.settings as { environment?: string }).environment });
    } catch (error) {
      // A sealed secret that no longer opens (SECRETS_ENCRYPTION_KEY changed) is our credential's problem.
      logger.warn("push credential cannot be used", { provider, applicationId: row.applicationId, error });
      senders.set(row.applicationId, { failure: { kind: "CREDENTIAL", providerStatus: null, reason: `The stored ${PROVIDER_NAMES[provider]} credential cannot be used: ${error instanceof Error ? error.message : String(error)}` } });
    }
  }
  return senders;
}

async function sendOne(provider: PushProvider, delivery: ClaimedDelivery, sender: Sender | undefined): Promise<DeliveryOutcome & { final?: "NO_CREDENTIAL" | "EXPIRED" }> {
  if (!sender) {
    return { kind: "REJECTED", final: "NO_CREDENTIAL", providerStatus: null, reason: `No ${PROVIDER_NAMES[provider]} credentials are configured for application ${delivery.applicationId}` };
  }
  if ("failure" in sender) return sender.failure;
  if (delivery.body.validUntil && Date.parse(delivery.body.validUntil) <= Date.now()) {
    return { kind: "REJECTED", final: "EXPIRED", providerStatus: null, reason: `validUntil ${delivery.body.validUntil} passed before the message could be delivered` };
  }
  try {
    // The device's APNs environment wins over the credential's (reference §2.3).
    const environment = delivery.environment ?? sender.environment ?? "production";
    return await sender.client.send({
      token: delivery.token,
      environment: environment === "development" ? "development" : "production",
      priority: delivery.priority,
      silent: delivery.silent,
      body: delivery.body,
      deliveryId: delivery.id,
    });
  } catch (error) {
    // A client that throws (it should answer with an outcome instead) is treated as transient.
    logger.warn("push provider client failed", { provider, error });
    return { kind: "TRANSIENT", providerStatus: null, reason: error instanceof Error ? error.message : String(error) };
  }
}

function toProviderCredential(provider: PushProvider, row: CredentialRow): ProviderCredential {
  const secret = openSecretText(row.secretEncrypted, pushCredentialContext(row.applicationId, provider));
  const common = { secret };
  if (provider === "APNS") return { ...common, provider, settings: row.settings as ApnsSettings };
  if (provider === "FCM") return { ...common, provider, settings: row.settings as FcmSettings };
  return { ...common, provider, settings: row.settings as HmsSettings };
}
