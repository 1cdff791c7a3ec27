import type { RouterOutputs } from "@/components/trpc/router-types";

export type RegistrationRow = RouterOutputs["registrations"]["list"]["items"][number];
export type RegistrationDetail = RouterOutputs["registrations"]["get"];
export type RegistrationHistoryRow = RouterOutputs["registrations"]["history"][number];
export type CreatedRegistration = RouterOutputs["registrations"]["create"];
export type VirtualDevice = NonNullable<RouterOutputs["registrations"]["virtualDevice"]>;
export type TimelineEntry = RouterOutputs["support"]["timeline"]["items"][number];
