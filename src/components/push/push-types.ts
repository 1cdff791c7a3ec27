/** The push procedures' results as the console's push pages use them (derived from the router, type-only). */
import type { RouterOutputs } from "@/components/trpc/router-types";

export type PushMessageRow = RouterOutputs["push"]["messages"]["items"][number];
export type PushMessageDetail = RouterOutputs["push"]["message"];
export type PushDeliveryRow = PushMessageDetail["deliveries"][number];
export type PushTestResult = RouterOutputs["push"]["testPush"];
export type PushProviderName = "APNS" | "FCM" | "HMS";
