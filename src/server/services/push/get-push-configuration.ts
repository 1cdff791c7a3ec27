/**
 * One application's provider credentials as stored (public settings only): Cloud `GET
 * /admin/applications/{id}/push`, Push Server `POST /admin/app/detail`, the console.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { applicationNotFound } from "../applications/application-errors";
import { PUSH_CREDENTIAL_SELECT, type PushCredentialRow } from "./push-credential-store";

export async function getPushConfiguration({ actor, applicationId, requirePushApplication = false }: { actor: Actor; applicationId: string; requirePushApplication?: boolean }): Promise<{ applicationId: string; isPushApplication: boolean; credentials: PushCredentialRow[] }> {
  assertCan(actor, "push.read");
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: { id: true, pushApplication: { select: { applicationId: true, credentials: { select: PUSH_CREDENTIAL_SELECT, orderBy: { provider: "asc" } } } } },
  });
  if (!application || (requirePushApplication && !application.pushApplication)) throw applicationNotFound(applicationId);
  return { applicationId, isPushApplication: application.pushApplication !== null, credentials: application.pushApplication?.credentials ?? [] };
}
