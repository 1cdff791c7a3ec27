import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { PENDING: "amber", SENDING: "blue", SENT: "green", FAILED: "red" };

/** A delivery's state (push_delivery_status); a pending one that was tried already is "retrying". */
export function PushDeliveryStatusBadge({ status, attempts }: { status: string; attempts: number }) {
  const label = status === "PENDING" && attempts > 0 ? "retrying" : status.toLowerCase();
  return <Badge tone={TONES[status] ?? "neutral"}>{label}</Badge>;
}
