/**
 * The documented application detail (`GET /admin/applications/{id}` and `/detail?id=&version=`):
 * the keys a mobile app is configured with, for one supported version (the newest, unless named).
 */
import { encodeMobileSdkConfig } from "@/powerauth/server";
import type { DbTx } from "@/server/db";
import { db } from "@/server/db";
import { getEnv } from "@/env";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { applicationNotFound, noEnabledVersion } from "./application-errors";

export interface ApplicationDetail {
  id: string;
  serviceBaseUrl: string;
  mobileSdkConfig: string;
  roles: string[];
  appKey: string;
  appSecret: string;
  masterServerPublicKey: string;
}

export async function loadApplicationDetail(client: DbTx, id: string, versionName?: string): Promise<ApplicationDetail> {
  const app = await client.application.findUnique({
    where: { id },
    select: {
      id: true,
      roles: { select: { name: true }, orderBy: { name: "asc" } },
      masterKeyPairs: { select: { publicKey: true }, orderBy: { createdAt: "desc" }, take: 1 },
      versions: {
        where: { supported: true, ...(versionName ? { name: versionName } : {}) },
        select: { appKey: true, appSecret: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  if (!app) throw applicationNotFound(id);
  const version = app.versions[0];
  const masterKey = app.masterKeyPairs[0];
  if (!version || !masterKey) throw noEnabledVersion();
  return {
    id: app.id,
    serviceBaseUrl: getEnv().serviceBaseUrl,
    mobileSdkConfig: encodeMobileSdkConfig({
      applicationKey: version.appKey,
      applicationSecret: version.appSecret,
      masterServerPublicKey: masterKey.publicKey,
    }),
    roles: app.roles.map((role) => role.name),
    appKey: version.appKey,
    appSecret: version.appSecret,
    masterServerPublicKey: masterKey.publicKey,
  };
}

export async function getApplicationDetail({
  actor,
  id,
  version,
}: {
  actor: Actor;
  id: string;
  version?: string;
}): Promise<ApplicationDetail> {
  assertCan(actor, "applications.read");
  return loadApplicationDetail(db, id, version);
}
