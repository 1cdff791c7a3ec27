import { Badge, type BadgeTone } from "@/components/ui/badge";

import type { StaffRole } from "@/schemas/staff";

export type { StaffRole };

export const ROLE_LABELS: Record<StaffRole, string> = {
  ADMINISTRATOR: "Administrator",
  OPERATOR: "Operator",
  VIEWER: "Viewer",
};

const ROLE_TONES: Record<StaffRole, BadgeTone> = { ADMINISTRATOR: "violet", OPERATOR: "blue", VIEWER: "neutral" };

export function RoleBadge({ role }: { role: string }) {
  const known = role in ROLE_LABELS ? (role as StaffRole) : null;
  return <Badge tone={known ? ROLE_TONES[known] : "neutral"}>{known ? ROLE_LABELS[known] : role}</Badge>;
}
