/**
 * The documented application detail (`GET /admin/applications/{id}` and `/detail?id=&version=`):
 * the keys a mobile app is configured with, for one supported version (the newest, unless named).
 */
import { encodeMobileSdkConfig } from "@/powerauth/server";
import { defineStatement, hotQuery } from "@/server/db";
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

/**
 * One statement for the whole detail (roles, newest master key, newest supported version): backends
 * read it on every app start-up configuration, and as a Prisma relation query it cost about 4 ms
 * of CPU in the query compiler (see src/server/db.ts).
 */
const APPLICATION_DETAIL = defineStatement<[string, string | null]>()(
  "application_detail",
  `SELECT a.id,
      (SELECT coalesce(json_agg(r.name ORDER BY r.name COLLATE "C"), '[]') FROM application_role r WHERE r.application_id = a.id) AS roles,
      (SELECT m.public_key FROM master_key_pair m WHERE m.application_id = a.id ORDER BY m.created_at DESC LIMIT 1) AS master_public_key,
      (SELECT json_build_object('appKey', v.app_key, 'appSecret', v.app_secret) FROM application_version v
         WHERE v.application_id = a.id AND v.supported AND ($2::text IS NULL OR v.name = $2)
         ORDER BY v.created_at DESC LIMIT 1) AS version
    FROM application a WHERE a.id = $1`,
  (row) => ({
    id: row.id as string,
    roles: row.roles as string[],
    masterPublicKey: row.master_public_key as string | null,
    version: row.version as { appKey: string; appSecret: string } | null,
  }),
);

/** The documented detail from an application's keys (also what a create returns). */
export function toApplicationDetail(input: { id: string; roles: string[]; appKey: string; appSecret: string; masterServerPublicKey: string }): ApplicationDetail {
  return {
    id: input.id,
    serviceBaseUrl: getEnv().serviceBaseUrl,
    mobileSdkConfig: encodeMobileSdkConfig({
      applicationKey: input.appKey,
      applicationSecret: input.appSecret,
      masterServerPublicKey: input.masterServerPublicKey,
    }),
    roles: input.roles,
    appKey: input.appKey,
    appSecret: input.appSecret,
    masterServerPublicKey: input.masterServerPublicKey,
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
  const [app] = await hotQuery(APPLICATION_DETAIL, [id, version ?? null]);
  if (!app) throw applicationNotFound(id);
  if (!app.version || !app.masterPublicKey) throw noEnabledVersion();
  return toApplicationDetail({ id: app.id, roles: app.roles, ...app.version, masterServerPublicKey: app.masterPublicKey });
}
