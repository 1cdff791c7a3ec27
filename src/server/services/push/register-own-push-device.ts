/**
 * The app registers its own push token (`POST /api/push/device/register` and `/register/token`,
 * protocol §14), authenticated by the activation's PowerAuth token or signature: the device can
 * only bind its own registration (push #252: no subscribing to someone else's activation).
 */
import { db, sqlOf } from "@/server/db";

import { bindPushDevice, type PushDeviceBinding } from "./push-device-rules";

export async function registerOwnPushDevice({ registration, binding }: { registration: { id: string; applicationId: string }; binding: PushDeviceBinding }): Promise<void> {
  await db.$transaction(async (tx) => bindPushDevice(sqlOf(tx), registration.applicationId, registration.id, binding));
}
