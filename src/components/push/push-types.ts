/** The push procedures' results as the console's push pages use them (derived from the router, type-only). */
import type { RouterOutputs } from "@/components/trpc/router-types";

export type PushMessageRow = RouterOutputs["push"]["messages"]["items"][number];
export type PushMessageDetail = RouterOutputs["push"]["message"];
export type PushDeliveryRow = PushMessageDetail["deliveries"][number];
export type PushTestResult = RouterOutputs["push"]["testPush"];
export type PushProviderName = "APNS" | "FCM" | "HMS";
/** A provider credential's state on the Push overview: not set, set, or refused by the provider at the last send. */
export type PushCredentialState = RouterOutputs["push"]["applications"][number]["apns"];
