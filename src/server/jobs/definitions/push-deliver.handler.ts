import type { PushProvider } from "@/generated/prisma/enums";
import { deliverPushBatch } from "@/server/services/push/deliver-push-batch";

/** Sends one batch of deliveries to its provider; the summary becomes the job's output. */
export const handlePushDeliver = (provider: PushProvider) => (payload: { deliveryIds: string[] }) => deliverPushBatch(provider, payload.deliveryIds);
