import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = {
  CREATED: "blue",
  PENDING_COMMIT: "amber",
  ACTIVE: "green",
  BLOCKED: "red",
  REMOVED: "neutral",
  // Operation states, on the support timeline.
  PENDING: "amber",
  APPROVED: "green",
  REJECTED: "red",
  FAILED: "red",
  CANCELED: "neutral",
  EXPIRED: "neutral",
};

/** A registration's (or an operation's) state as the documents name it, with "expired" when a CREATED/PENDING_COMMIT one ran out of time. */
export function RegistrationStatusBadge({ status, expired = false }: { status: string; expired?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={TONES[status] ?? "neutral"}>{status}</Badge>
      {expired ? (
        <Badge tone="neutral" title="Not finished in time: the expiry job removes it">
          expired
        </Badge>
      ) : null}
    </span>
  );
}
