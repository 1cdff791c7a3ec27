import type { RouterOutputs } from "@/components/trpc/router-types";

export type ApplicationOverview = RouterOutputs["applications"]["get"];
