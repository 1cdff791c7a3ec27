/** The providers' names as the application page's Push section shows them. */
import type { PushProviderName } from "@/components/push/push-types";

export const PROVIDER_NAMES: Record<PushProviderName, string> = { APNS: "Apple (APNs)", FCM: "Firebase (FCM)", HMS: "Huawei (HMS)" };
