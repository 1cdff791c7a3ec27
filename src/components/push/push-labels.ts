/**
 * Words for the push pipeline's stored codes, shared by the message log, the message page and the
 * test push: which API sent a message (push_message.origin), who it went to, and what each
 * delivery outcome means (src/server/push/provider.ts "DeliveryOutcomeKind", plus the pipeline's
 * own NO_CREDENTIAL and EXPIRED).
 */
import type { PushProviderName } from "./push-types";

export const PLATFORM_LABELS: Record<PushProviderName, string> = { APNS: "APNs", FCM: "FCM", HMS: "HMS" };

const ORIGIN_LABELS: Record<string, string> = { cloud: "Cloud API", "push-server": "Push Server API", console: "Console", operation: "Operation (automatic)" };

export function describeOrigin(origin: string): string {
  return ORIGIN_LABELS[origin] ?? origin;
}

const OUTCOME_TEXT: Record<string, string> = {
  SENT: "Accepted by the provider",
  TOKEN_INVALID: "Dead token: the device was retired",
  TRANSIENT: "Temporary failure: retried with backoff",
  CREDENTIAL: "Our credentials were refused: the device is kept",
  REJECTED: "Refused as it is: not retried",
  NO_CREDENTIAL: "No credentials for this provider",
  EXPIRED: "validUntil passed before it could be sent",
};

export function describeOutcome(outcome: string | null): string {
  if (!outcome) return "No answer yet";
  return OUTCOME_TEXT[outcome] ?? outcome;
}

/** Who a message went to (push_message's audience columns, see prisma/schema.prisma PushMessage). */
export function describeAudience(message: { userId: string | null; registrationId: string | null; broadcast: boolean; testToken: string | null; testPlatform: PushProviderName | null }): string {
  if (message.testToken) return `Test token ${message.testToken}${message.testPlatform ? ` (${PLATFORM_LABELS[message.testPlatform]})` : ""}`;
  if (message.broadcast) return "Every device";
  if (message.registrationId) return `User ${message.userId ?? "?"} · registration ${message.registrationId.slice(0, 8)}…`;
  return `User ${message.userId ?? "?"}`;
}

/** Whether the message can still change: not fanned out yet, or a delivery waiting for an attempt. */
export function isPushMessageOpen(message: { fannedOutAt: Date | null; counts: { pending: number } }): boolean {
  return message.fannedOutAt === null || message.counts.pending > 0;
}

/** A message's page in the log; the application is part of the address because messages are kept per application. */
export function pushMessageHref(applicationId: string, messageId: string): string {
  return `/console/push/messages/${messageId}?app=${encodeURIComponent(applicationId)}`;
}

export function pushMessageLogHref(applicationId: string): string {
  return `/console/push/messages?app=${encodeURIComponent(applicationId)}`;
}
