import type { RouterOutputs } from "@/components/trpc/router-types";

export type StaffMember = RouterOutputs["staff"]["list"]["items"][number];

/** A one-time password to hand over, from an invite or a reset. */
export interface IssuedPassword {
  kind: "invite" | "reset";
  name: string;
  email: string;
  password: string;
}
