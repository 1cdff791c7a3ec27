/**
 * Push Server `GET /admin/app/list` (applications of the push service, with which providers are
 * set) and `GET /admin/app/unconfigured/list` (applications not yet created there).
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { toPushApplicationItem } from "./push-credential-store";

const MAX_APPLICATIONS = 10_000;

export async function listPushApplications({ actor }: { actor: Actor }) {
  assertCan(actor, "push.read");
  const rows = await db.pushApplication.findMany({ select: { applicationId: true, credentials: { select: { provider: true } } }, orderBy: { applicationId: "asc" }, take: MAX_APPLICATIONS });
  return rows.map((row) => toPushApplicationItem(row.applicationId, row.credentials));
}

export async function listUnconfiguredPushApplications({ actor }: { actor: Actor }) {
  assertCan(actor, "push.read");
  const rows = await db.application.findMany({ where: { pushApplication: null }, select: { id: true }, orderBy: { id: "asc" }, take: MAX_APPLICATIONS });
  return rows.map((row) => ({ appId: row.id, apns: null, fcm: null, hms: null }));
}
