/**
 * The one store of provider credentials (push_credential, one row per application and provider)
 * that every documented path edits (api-reference/README.md "push provider config"), and the
 * shapes it is shown in. Secrets are sealed per row and never leave here.
 */
import type { PushProvider } from "@/generated/prisma/enums";
import type { DbTx } from "@/server/db";

import { applicationNotFound } from "../applications/application-errors";

export const PUSH_PROVIDERS = ["APNS", "FCM", "HMS"] as const satisfies readonly PushProvider[];

/** The sealed secret's context: a ciphertext copied to another application or provider does not open. */
export const pushCredentialContext = (applicationId: string, provider: PushProvider) => `push-credential:${applicationId}:${provider}`;

export interface PushCredentialRow {
  provider: PushProvider;
  settings: unknown;
  isFailing: boolean;
  lastError: string | null;
  lastErrorAt: Date | null;
  updatedAt: Date;
}

export const PUSH_CREDENTIAL_SELECT = { provider: true, settings: true, isFailing: true, lastError: true, lastErrorAt: true, updatedAt: true } as const;

type Settings = Record<string, string | null | undefined>;
const settingsOf = (row: PushCredentialRow | undefined): Settings | null => (row ? (row.settings as Settings) : null);
const byProvider = (rows: PushCredentialRow[], provider: PushProvider) => rows.find((row) => row.provider === provider);

/**
 * Locks the application's push row (creating it when asked), so edits of one application's
 * credentials run one at a time and each audit row sees the state it changed.
 */
export async function lockPushApplication(tx: DbTx, applicationId: string, { create }: { create: boolean }): Promise<boolean> {
  const application = await tx.application.findUnique({ where: { id: applicationId }, select: { id: true } });
  if (!application) throw applicationNotFound(applicationId);
  if (create) await tx.$executeRaw`INSERT INTO push_application (application_id) VALUES (${applicationId}) ON CONFLICT DO NOTHING`;
  const locked = await tx.$queryRaw<{ application_id: string }[]>`SELECT application_id FROM push_application WHERE application_id = ${applicationId} FOR UPDATE`;
  return locked.length > 0;
}

/** `GET /admin/applications/{id}/push` (admin-services-api.txt): `id`, and each configured provider. */
export function toCloudPushConfiguration(applicationId: string, rows: PushCredentialRow[]) {
  const apns = settingsOf(byProvider(rows, "APNS"));
  const fcm = settingsOf(byProvider(rows, "FCM"));
  const hms = settingsOf(byProvider(rows, "HMS"));
  return {
    id: applicationId,
    ...(apns ? { apns: { topic: apns.topic, keyId: apns.keyId, teamId: apns.teamId, environment: (apns.environment ?? "development").toUpperCase() } } : {}),
    ...(fcm ? { fcm: { projectId: fcm.projectId } } : {}),
    ...(hms ? { hms: { projectId: hms.projectId } } : {}),
  };
}

/** Push Server `applicationList` item (push-server-api.txt "List Applications"). */
export function toPushApplicationItem(applicationId: string, rows: { provider: PushProvider }[]) {
  const has = (provider: PushProvider) => rows.some((row) => row.provider === provider);
  return { appId: applicationId, apns: has("APNS"), fcm: has("FCM"), hms: has("HMS") };
}

/** Push Server `POST /admin/app/detail`: the flags, and each asked-for provider's public settings. */
export function toPushApplicationDetail(applicationId: string, rows: PushCredentialRow[], include: { apns: boolean; fcm: boolean; hms: boolean }) {
  const apns = settingsOf(byProvider(rows, "APNS"));
  const fcm = settingsOf(byProvider(rows, "FCM"));
  const hms = settingsOf(byProvider(rows, "HMS"));
  return {
    application: toPushApplicationItem(applicationId, rows),
    ...(include.apns && apns ? { apnsBundle: apns.topic, apnsKeyId: apns.keyId, apnsTeamId: apns.teamId } : {}),
    ...(include.fcm && fcm ? { fcmProjectId: fcm.projectId } : {}),
    ...(include.hms && hms ? { hmsProjectId: hms.projectId } : {}),
  };
}

/** The console's view: public settings, whether a secret is stored (always, for a row), health. */
export function toConsolePushCredential(row: PushCredentialRow) {
  return {
    provider: row.provider,
    settings: row.settings as Settings,
    secretSet: true,
    isFailing: row.isFailing,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    updatedAt: row.updatedAt,
  };
}
