import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/trpc/root";

export type StaffMember = inferRouterOutputs<AppRouter>["staff"]["list"]["items"][number];

/** A one-time password to hand over, from an invite or a reset. */
export interface IssuedPassword {
  kind: "invite" | "reset";
  name: string;
  email: string;
  password: string;
}
