/**
 * SYNCHRONOUS sends (push-server-api.txt "Send Message"): waits until every delivery of the given
 * messages has had its first answer (sent, failed, or waiting for a retry), then counts them per
 * platform: `sent`, `failed`, `pending` (still being sent, or retrying after a transient error),
 * `total`. The wait is bounded: when the workers are slow or stopped, the counts at the end of
 * the wait say how many are still pending.
 */
import { hotQuery, defineStatement } from "@/server/db";

export interface PlatformCounts {
  sent: number;
  pending: number;
  failed: number;
  total: number;
}

export interface PushResultCounts {
  apns: PlatformCounts;
  fcm: PlatformCounts;
  hms: PlatformCounts;
}

const SYNCHRONOUS_WAIT_MS = 30_000;

const countDeliveries = defineStatement<[string[]]>()(
  "push_count_deliveries",
  `SELECT platform::text AS platform, status::text AS status, (status = 'SENDING' OR (status = 'PENDING' AND attempts = 0)) AS unanswered, count(*)::int AS n
     FROM push_delivery WHERE message_id = ANY($1::uuid[]) GROUP BY 1, 2, 3`,
  (row) => ({ platform: String(row.platform), status: String(row.status), unanswered: row.unanswered === true, n: Number(row.n) }),
);

const empty = (): PlatformCounts => ({ sent: 0, pending: 0, failed: 0, total: 0 });

async function countPushResults(messageIds: string[]): Promise<{ counts: PushResultCounts; unanswered: number }> {
  const counts: PushResultCounts = { apns: empty(), fcm: empty(), hms: empty() };
  let unanswered = 0;
  if (messageIds.length === 0) return { counts, unanswered };
  for (const row of await hotQuery(countDeliveries, [messageIds])) {
    const target = counts[row.platform.toLowerCase() as keyof PushResultCounts];
    if (row.status === "SENT") target.sent += row.n;
    else if (row.status === "FAILED") target.failed += row.n;
    else target.pending += row.n;
    target.total += row.n;
    if (row.unanswered) unanswered += row.n;
  }
  return { counts, unanswered };
}

export async function waitForPushResults(messageIds: string[], waitMs = SYNCHRONOUS_WAIT_MS): Promise<PushResultCounts> {
  const deadline = Date.now() + waitMs;
  let delay = 20;
  for (;;) {
    const { counts, unanswered } = await countPushResults(messageIds);
    if (unanswered === 0 || Date.now() >= deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(250, delay * 2);
  }
}
