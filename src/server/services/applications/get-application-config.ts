/**
 * Reads every configuration key of an application (`GET /admin/applications/{id}/config`), with
 * secret values redacted.
 */
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { type ConfigKey, isConfigKey, redactConfigValues } from "./application-config-keys";
import { requireApplication, storedValues } from "./application-config-store";

export async function getApplicationConfig({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, "applications.read");
  await requireApplication(db, id);
  const rows = await db.applicationConfig.findMany({ where: { applicationId: id }, orderBy: { key: "asc" } });
  return {
    appId: id,
    applicationConfigs: rows
      .filter((row) => isConfigKey(row.key))
      .map((row) => ({ key: row.key, values: redactConfigValues(row.key as ConfigKey, storedValues(row)) })),
  };
}
