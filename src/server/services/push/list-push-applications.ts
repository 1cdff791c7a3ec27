/**
 * Push Server `GET /admin/app/list` (applications of the push service, with which providers are
 * set), `GET /admin/app/unconfigured/list` (applications not yet created there), and the
 * console's Push overview, which also says which credentials the provider refused (issue 10 §3:
 * "mark the credential as failing in the console"). The documented lists keep their boolean flags.
 */
import type { PushProvider } from "@/generated/prisma/enums";
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

/** A provider's credential as the console's overview shows it: failing when the provider refused it at the last send. */
export type PushCredentialState = "NOT_SET" | "SET" | "FAILING";

/** Every application (configured for push or not) with each provider's credential state, in one query. */
export async function listPushOverview({ actor }: { actor: Actor }) {
  assertCan(actor, "push.read");
  const rows = await db.application.findMany({
    select: { id: true, pushApplication: { select: { credentials: { select: { provider: true, isFailing: true } } } } },
    orderBy: { id: "asc" },
    take: MAX_APPLICATIONS,
  });
  return rows.map((row) => {
    const credentials = row.pushApplication?.credentials ?? [];
    const state = (provider: PushProvider): PushCredentialState => {
      const credential = credentials.find((item) => item.provider === provider);
      if (!credential) return "NOT_SET";
      return credential.isFailing ? "FAILING" : "SET";
    };
    return { appId: row.id, apns: state("APNS"), fcm: state("FCM"), hms: state("HMS") };
  });
}
