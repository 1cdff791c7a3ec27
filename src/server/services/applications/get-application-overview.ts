/**
 * Everything the console shows about one application: every version with its keys and SDK
 * configuration string, the master public key, roles, configuration keys and credentials.
 */
import { encodeMobileSdkConfig } from "@/powerauth/server";
import { getEnv } from "@/env";
import { db } from "@/server/db";

import type { Actor } from "../access/actor";
import { assertCan, can } from "../access/permissions";
import { applicationNotFound } from "./application-errors";
import { PROTOCOL_SETTINGS_SELECT } from "./set-application-protocol-settings";

export async function getApplicationOverview({ actor, id }: { actor: Actor; id: string }) {
  assertCan(actor, "applications.read");
  const app = await db.application.findUnique({
    where: { id },
    select: {
      id: true,
      createdAt: true,
      ...PROTOCOL_SETTINGS_SELECT,
      roles: { select: { name: true }, orderBy: { name: "asc" } },
      masterKeyPairs: { select: { publicKey: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
      versions: {
        select: { name: true, appKey: true, appSecret: true, supported: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!app) throw applicationNotFound(id);
  const masterServerPublicKey = app.masterKeyPairs[0]?.publicKey ?? "";
  return {
    id: app.id,
    createdAt: app.createdAt,
    serviceBaseUrl: getEnv().serviceBaseUrl,
    masterServerPublicKey,
    protocolSettings: {
      activationValiditySeconds: app.activationValiditySeconds,
      maxFailedAttempts: app.maxFailedAttempts,
      signatureLookAhead: app.signatureLookAhead,
      allowedProtocolVersions: app.allowedProtocolVersions,
    },
    roles: app.roles.map((role) => role.name),
    versions: app.versions.map((version) => ({
      ...version,
      mobileSdkConfig: encodeMobileSdkConfig({
        applicationKey: version.appKey,
        applicationSecret: version.appSecret,
        masterServerPublicKey,
      }),
    })),
    canWrite: can(actor, "applications.write"),
  };
}
