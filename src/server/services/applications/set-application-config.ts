/**
 * Creates or replaces one configuration key's values (`POST /admin/applications/{id}/config`):
 * validated per key, secrets sealed at rest and kept when the request repeats them redacted, the
 * change audited with redacted values.
 */
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { sealSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { CONFIG_VALUE_SCHEMAS, isConfigKey, mergeKeptSecrets, redactConfigValues, SECRET_CONFIG_KEYS } from "./application-config-keys";
import { configContext, requireApplication, storedValues } from "./application-config-store";

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
