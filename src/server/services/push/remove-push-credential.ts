/**
 * Removes one provider's credentials (Cloud `DELETE /admin/applications/{id}/push/apns|fcm|hms`,
 * Push Server `DELETE /admin/app/apns|fcm|hms` and the deprecated `ios|android|huawei/remove`).
 * Removing what is not set is a success with nothing to audit; devices stay (they are the
 * customers' and come back into use when credentials are set again).
 */
import type { PushProvider } from "@/generated/prisma/enums";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { lockPushApplication } from "./push-credential-store";

export async function removePushCredential({ actor, applicationId, provider }: { actor: Actor; applicationId: string; provider: PushProvider }): Promise<{ removed: boolean }> {
  assertCan(actor, "push.configure");
  return db.$transaction(async (tx) => {
    const exists = await lockPushApplication(tx, applicationId, { create: false });
    if (!exists) return { removed: false };
    const removed = await tx.pushCredential.deleteMany({ where: { applicationId, provider } });
    if (removed.count === 0) return { removed: false };
    await recordAuditEvent(tx, {
      actor,
      action: "push.credential.remove",
      targetType: "push_credential",
      targetId: `${applicationId}:${provider}`,
      applicationId,
      before: { provider },
      after: null,
    });
    return { removed: true };
  });
}
