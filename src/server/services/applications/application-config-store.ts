/**
 * How an application's configuration values are stored, shared by the config use cases
 * (`get-`, `set-` and `remove-application-config.ts`): secret keys' values sealed under a
 * per-application, per-key context, the others as plain JSON.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { DbTx } from "@/server/db";
import { openSecretText } from "@/server/security/secret-box";

import { applicationNotFound } from "./application-errors";

export const configContext = (applicationId: string, key: string) => `app-config:${applicationId}:${key}`;

export interface StoredConfig {
  applicationId: string;
  key: string;
  values: Prisma.JsonValue | null;
  valuesEncrypted: string | null;
}

export function storedValues(row: StoredConfig): unknown[] {
  if (row.valuesEncrypted) return JSON.parse(openSecretText(row.valuesEncrypted, configContext(row.applicationId, row.key))) as unknown[];
  return Array.isArray(row.values) ? row.values : [];
}

export async function requireApplication(tx: DbTx, id: string): Promise<void> {
  const app = await tx.application.findUnique({ where: { id }, select: { id: true } });
  if (!app) throw applicationNotFound(id);
}
