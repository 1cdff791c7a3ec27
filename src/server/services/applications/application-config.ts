/**
 * Application configuration (`GET/POST/DELETE /admin/applications/{id}/config`): read all keys,
 * create or replace one key's values, remove one key.
 */
import { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { openSecretText, sealSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { applicationNotFound } from "./application-errors";
import {
  CONFIG_VALUE_SCHEMAS,
  type ConfigKey,
  isConfigKey,
  mergeKeptSecrets,
  redactConfigValues,
  SECRET_CONFIG_KEYS,
} from "./application-config-keys";

const configContext = (applicationId: string, key: string) => `app-config:${applicationId}:${key}`;

interface StoredConfig {
  applicationId: string;
  key: string;
  values: Prisma.JsonValue | null;
  valuesEncrypted: string | null;
}

function storedValues(row: StoredConfig): unknown[] {
  if (row.valuesEncrypted) return JSON.parse(openSecretText(row.valuesEncrypted, configContext(row.applicationId, row.key)));
  return Array.isArray(row.values) ? row.values : [];
}

async function requireApplication(tx: DbTx, id: string): Promise<void> {
  const app = await tx.application.findUnique({ where: { id }, select: { id: true } });
  if (!app) throw applicationNotFound(id);
}

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

export async function setApplicationConfig({
  actor,
  id,
  key,
  values,
}: {
  actor: Actor;
  id: string;
  key: string;
  values: unknown[];
}) {
  assertCan(actor, "applications.write");
  if (!isConfigKey(key)) {
    throw new AppError("ERROR_ADMIN", `Invalid create application configuration request for configuration key: ${key}`);
  }
  const parsed = CONFIG_VALUE_SCHEMAS[key].safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
    const where = path ? ` (at values${path})` : "";
    throw new AppError(
      "ERROR_ADMIN",
      `Invalid create application configuration request for configuration key: ${key}: ${issue?.message ?? "invalid values"}${where}`,
    );
  }

  return db.$transaction(async (tx) => {
    await requireApplication(tx, id);
    const existing = await tx.applicationConfig.findUnique({ where: { applicationId_key: { applicationId: id, key } } });
    const previous = existing ? storedValues(existing) : null;
    const next = mergeKeptSecrets(key, parsed.data as unknown[], previous);
    const isSecret = SECRET_CONFIG_KEYS.has(key);
    const data = isSecret
      ? { values: Prisma.DbNull, valuesEncrypted: sealSecret(JSON.stringify(next), configContext(id, key)) }
      : { values: next as Prisma.InputJsonValue, valuesEncrypted: null };

    await tx.applicationConfig.upsert({
      where: { applicationId_key: { applicationId: id, key } },
      create: { applicationId: id, key, ...data },
      update: data,
    });
    const shown = redactConfigValues(key, next);
    await recordAuditEvent(tx, {
      actor,
      action: "application.config.set",
      targetType: "application",
      targetId: id,
      applicationId: id,
      before: previous ? { key, values: redactConfigValues(key, previous) } : null,
      after: { key, values: shown },
    });
    return { appId: id, key, values: shown };
  });
}

export async function removeApplicationConfig({ actor, id, key }: { actor: Actor; id: string; key: string }) {
  assertCan(actor, "applications.write");
  if (!isConfigKey(key)) {
    throw new AppError("ERROR_ADMIN", `Invalid remove application configuration request for configuration key: ${key}`);
  }
  await db.$transaction(async (tx) => {
    await requireApplication(tx, id);
    const existing = await tx.applicationConfig.findUnique({ where: { applicationId_key: { applicationId: id, key } } });
    if (!existing) return;
    await tx.applicationConfig.delete({ where: { applicationId_key: { applicationId: id, key } } });
    await recordAuditEvent(tx, {
      actor,
      action: "application.config.remove",
      targetType: "application",
      targetId: id,
      applicationId: id,
      before: { key, values: redactConfigValues(key, storedValues(existing)) },
    });
  });
}
