/**
 * `GET /audit/log?userId=&timestampFrom=&timestampTo=` (cloud-multi-device-api.txt, "Get Audit
 * Log"): the events of one user's registrations in the calling credential's application, newest
 * first — every signature, offline OTP and token verification (`signature_event`) and every status
 * change (`registration_history`), merged by time.
 *
 * Both tables are append-only and grow to millions; each is read through its
 * (application_id, user_id, created_at) index, newest first, at most AUDIT_LOG_LIMIT rows, and the
 * merge keeps the newest AUDIT_LOG_LIMIT. To read further back, call again with `timestampTo` set
 * to the oldest timestamp received.
 *
 * Where the document is silent: eventType is the verification's note for signature and token
 * events (`signature_ok`, `signature_does_not_match`, `token_ok`, `token_replayed`…, the
 * reference's names) and `registration_<new status>` for status changes, whose eventData reads
 * `FROM -> TO (reason) by ACTOR_TYPE`. The documented defaults hold: from 30 days ago until now.
 */
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

export const AUDIT_LOG_LIMIT = 1000;
const DEFAULT_WINDOW_MS = 30 * 24 * 3600 * 1000;
const MESSAGE = "Unable to obtain an audit log information.";

export interface AuditLogItem {
  activationId: string;
  eventType: string;
  eventData: string;
  timestamp: number;
}

const auditFailed = (detail?: string) => new AppError("ERROR_AUDIT", detail ? `${MESSAGE} ${detail}` : MESSAGE);

function timestampOf(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^[0-9]{1,15}$/.test(value)) throw auditFailed(`${name} must be a Unix timestamp in milliseconds.`);
  return Number(value);
}

export async function getAuditLog({
  applicationId,
  userId,
  timestampFrom,
  timestampTo,
  now = Date.now(),
}: {
  applicationId: string;
  userId: string;
  timestampFrom?: string;
  timestampTo?: string;
  now?: number;
}): Promise<{ items: AuditLogItem[] }> {
  const to = timestampOf("timestampTo", timestampTo, now);
  const from = timestampOf("timestampFrom", timestampFrom, to - DEFAULT_WINDOW_MS);
  if (from > to) throw auditFailed("timestampFrom must not be after timestampTo.");

  // The document: "user ID that does not exist" is an error. A user exists for an application
  // once it has had a registration there.
  const known = await db.registration.findFirst({ where: { applicationId, userId }, select: { id: true } });
  if (!known) throw auditFailed("No such user.");

  const window = { gte: new Date(from), lte: new Date(to) };
  const [signatures, changes] = await Promise.all([
    db.signatureEvent.findMany({
      where: { applicationId, userId, createdAt: window, registrationId: { not: null } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUDIT_LOG_LIMIT,
      select: { registrationId: true, note: true, data: true, createdAt: true, id: true },
    }),
    db.registrationHistory.findMany({
      where: { applicationId, userId, createdAt: window },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUDIT_LOG_LIMIT,
      select: { registrationId: true, fromStatus: true, toStatus: true, reason: true, actorType: true, externalUserId: true, createdAt: true, id: true },
    }),
  ]);

  const items: AuditLogItem[] = [
    ...signatures.map((event) => ({ activationId: event.registrationId!, eventType: event.note, eventData: event.data ?? "", timestamp: event.createdAt.getTime() })),
    ...changes.map((change) => ({
      activationId: change.registrationId,
      eventType: `registration_${change.toStatus.toLowerCase()}`,
      eventData: `${change.fromStatus ?? "NONE"} -> ${change.toStatus}${change.reason ? ` (${change.reason})` : ""} by ${change.actorType}${change.externalUserId ? ` for ${change.externalUserId}` : ""}`,
      timestamp: change.createdAt.getTime(),
    })),
  ];
  // Stable: equal timestamps keep each table's own newest-first order.
  items.sort((a, b) => b.timestamp - a.timestamp);
  return { items: items.slice(0, AUDIT_LOG_LIMIT) };
}
