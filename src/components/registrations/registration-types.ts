import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type RegistrationRow = Outputs["registrations"]["list"]["items"][number];
export type RegistrationDetail = Outputs["registrations"]["get"];
export type RegistrationHistoryRow = Outputs["registrations"]["history"][number];
export type CreatedRegistration = Outputs["registrations"]["create"];
export type VirtualDevice = NonNullable<Outputs["registrations"]["virtualDevice"]>;
export type TimelineEntry = Outputs["support"]["timeline"]["items"][number];
