/**
 * Creates an operation from a template (Cloud `POST /v2/operations`): the template's `${param}`
 * placeholders filled from `parameters` (values escaped for the operation data, §13.2), the
 * template's type, signature types, risk flags, limit and expiry (or the caller's own
 * `timestampExpires`), a proximity seed when the template asks for one, and a PENDING history row.
 *
 * An unknown template, and a parameter the template needs but the request lacks, are ERROR_REQUEST
 * with a violation naming the field (`template`, `parameters.<name>`). A user without an ACTIVE
 * registration of the application (with the flag, when one is given) is
 * ERROR_REGISTRATION_NOT_FOUND, as documented.
 */
import crypto from "node:crypto";

import { escapeOperationDataText, randomBytes } from "@/powerauth/server";
import { db, sqlOf } from "@/server/db";
import { AppError, type Violation } from "@/server/errors";
import { sealSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isStaffSide } from "../registrations/create-registration";
import { substitute, templateParameters } from "../templates/template-views";
import { recordOperationChange } from "./operation-changes";
import { OPERATION_SELECT, toCloudOperation, type CloudOperation } from "./operation-views";

export const proximitySeedContext = (operationId: string) => `operation-proximity-seed:${operationId}`;

const MAX_DATA_LENGTH = 5000;

export async function createOperation({
  actor,
  applicationId,
  userId,
  template: templateName,
  language = "en",
  externalId,
  flag,
  parameters = {},
  timestampExpires,
}: {
  actor: Actor;
  /** From the caller's credential (or chosen by staff). */
  applicationId: string;
  /** Null or absent: a non-personalised operation, claimed later by the first user who opens it. */
  userId?: string | null;
  template: string;
  language?: string;
  externalId?: string;
  flag?: string;
  parameters?: Record<string, string>;
  timestampExpires?: number;
}): Promise<CloudOperation> {
  assertCan(actor, "operations.write");
  if (actor.type === "CREDENTIAL" && actor.applicationId !== applicationId) throw new AppError("ERROR_REGISTRATION_NOT_FOUND", "No active registration found matching operation criteria");
  const template = await db.operationTemplate.findUnique({ where: { name: templateName } });
  if (!template) {
    throw new AppError("ERROR_REQUEST", "Operation template not found", { violations: [{ fieldName: "template", invalidValue: templateName, hint: "no operation template has this name" }] });
  }
  const missing: Violation[] = templateParameters(template)
    .filter((name) => !Object.hasOwn(parameters, name))
    .map((name) => ({ fieldName: `parameters.${name}`, hint: `must not be null: template ${template.name} uses \${${name}}` }));
  if (missing.length > 0) throw new AppError("ERROR_REQUEST", "Operation parameters are missing", { violations: missing });
  const data = substitute(template.dataTemplate, parameters, escapeOperationDataText);
  if (data.length > MAX_DATA_LENGTH) throw new AppError("ERROR_REQUEST", `The operation data would be longer than ${MAX_DATA_LENGTH} characters`);

  const now = Date.now();
  if (timestampExpires !== undefined && timestampExpires <= now) {
    throw new AppError("ERROR_REQUEST", "timestampExpires must be in the future", { violations: [{ fieldName: "timestampExpires", invalidValue: timestampExpires, hint: "must be in the future" }] });
  }
  const expiresAt = new Date(timestampExpires ?? now + template.expirationSeconds * 1000);
  const operationId = crypto.randomUUID();

  return db.$transaction(async (tx) => {
    if (userId) {
      const registration = await tx.registration.findFirst({
        where: { applicationId, userId, status: "ACTIVE", ...(flag ? { flags: { has: flag } } : {}) },
        select: { id: true },
      });
      if (!registration) throw new AppError("ERROR_REGISTRATION_NOT_FOUND", "No active registration found matching operation criteria");
    }
    const row = await tx.operation.create({
      data: {
        id: operationId,
        applicationId,
        userId: userId ?? null,
        templateId: template.id,
        templateName: template.name,
        operationType: template.operationType,
        data,
        parameters,
        language,
        externalId: externalId ?? null,
        activationFlag: flag ?? null,
        status: "PENDING",
        signatureTypes: template.signatureTypes,
        riskFlags: template.riskFlags,
        maxFailureCount: template.maxFailureCount,
        proximitySeedEncrypted: template.proximityCheck ? sealSecret(randomBytes(16), proximitySeedContext(operationId)) : null,
        createdAt: new Date(now),
        expiresAt,
      },
      select: OPERATION_SELECT,
    });
    await recordOperationChange(sqlOf(tx), { operationId, applicationId, userId: userId ?? null, from: null, to: "PENDING", actor });
    if (isStaffSide(actor)) {
      await recordAuditEvent(tx, { actor, action: "operation.create", targetType: "operation", targetId: operationId, applicationId, after: { userId, template: template.name, externalId, flag, expiresAt } });
    }
    return toCloudOperation(row, "create");
  });
}
