/**
 * Sets one provider's credentials for an application, from any documented path (Cloud `POST
 * /admin/applications/{id}/push/apns|fcm|hms`, Push Server `PUT /admin/app/apns|fcm|hms` and the
 * deprecated `ios|android|huawei/update`): validated (the key parses and signs a JWT), the secret
 * sealed, the row replaced, the change in the staff audit log without secrets, in one transaction.
 * A new credential clears the failing flag.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { PushProvider } from "@/generated/prisma/enums";
import { CredentialValidationError, validateApnsCredential, validateFcmCredential, validateHmsCredential, type ValidatedCredential } from "@/server/push/credential-validation";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { sealSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { lockPushApplication, PUSH_CREDENTIAL_SELECT, pushCredentialContext, type PushCredentialRow } from "./push-credential-store";

export type PushCredentialInput =
  | { provider: "APNS"; topic: string; keyId: string; teamId: string; environment?: string | null; privateKeyBase64: string }
  | { provider: "FCM"; projectId?: string | null; privateKeyBase64: string }
  | { provider: "HMS"; projectId: string; appId?: string | null; clientId: string; clientSecret: string };

function validate(input: PushCredentialInput): ValidatedCredential<object> {
  try {
    switch (input.provider) {
      case "APNS":
        return validateApnsCredential(input);
      case "FCM":
        return validateFcmCredential(input);
      case "HMS":
        return validateHmsCredential(input);
    }
  } catch (error) {
    // The value is never echoed: it may be (part of) a private key or secret.
    if (error instanceof CredentialValidationError) throw new AppError("ERROR_REQUEST", error.message, { violations: [{ fieldName: error.field, hint: error.message }] });
    throw error;
  }
}

export async function setPushCredential({ actor, applicationId, input }: { actor: Actor; applicationId: string; input: PushCredentialInput }): Promise<PushCredentialRow[]> {
  assertCan(actor, "push.configure");
  const provider: PushProvider = input.provider;
  const { settings, secret } = validate(input);
  return db.$transaction(async (tx) => {
    await lockPushApplication(tx, applicationId, { create: true });
    const before = await tx.pushCredential.findUnique({ where: { applicationId_provider: { applicationId, provider } }, select: { settings: true } });
    const data = {
      settings: settings as Prisma.InputJsonValue,
      secretEncrypted: sealSecret(secret, pushCredentialContext(applicationId, provider)),
      isFailing: false,
      lastError: null,
      lastErrorAt: null,
    };
    await tx.pushCredential.upsert({ where: { applicationId_provider: { applicationId, provider } }, create: { applicationId, provider, ...data }, update: data });
    await recordAuditEvent(tx, {
      actor,
      action: "push.credential.set",
      targetType: "push_credential",
      targetId: `${applicationId}:${provider}`,
      applicationId,
      before: before ? { provider, settings: before.settings } : null,
      after: { provider, settings },
    });
    return tx.pushCredential.findMany({ where: { applicationId }, select: PUSH_CREDENTIAL_SELECT, orderBy: { provider: "asc" } });
  });
}
