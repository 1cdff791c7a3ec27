/**
 * Push Server `DELETE` (and `POST`) `/push/device/remove`: removes every registration's row with
 * this token in the caller's application. Removing an unknown token is a success.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { requireOwnApplication } from "./create-push-devices";

export async function removePushDevice({ actor, appId, token }: { actor: Actor; appId: string; token: string }): Promise<{ removed: number }> {
  assertCan(actor, "push.devices");
  const applicationId = requireOwnApplication(actor, appId);
  const removed = await db.pushDevice.deleteMany({ where: { applicationId, token } });
  return { removed: removed.count };
}
