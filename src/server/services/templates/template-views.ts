/**
 * What of a template leaves the server (every field is public to those who may read templates),
 * and the placeholder rules shared by templates and the operations made from them: `${param}`
 * names in the data template and the texts (powerauth-products.md §1.4, Apache StringSubstitutor
 * style, without its escapes).
 */
import type { Prisma } from "@/generated/prisma/client";
import type { TemplateTexts } from "@/schemas/templates";
import { AppError } from "@/server/errors";

export const TEMPLATE_SELECT = {
  id: true,
  name: true,
  operationType: true,
  dataTemplate: true,
  signatureTypes: true,
  expirationSeconds: true,
  maxFailureCount: true,
  proximityCheck: true,
  riskFlags: true,
  texts: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.OperationTemplateSelect;

export type TemplateRow = Prisma.OperationTemplateGetPayload<{ select: typeof TEMPLATE_SELECT }>;

export interface TemplateView {
  name: string;
  operationType: string;
  dataTemplate: string;
  signatureTypes: string[];
  expirationSeconds: number;
  maxFailureCount: number;
  proximityCheck: boolean;
  riskFlags: string;
  texts: Record<string, TemplateTexts>;
  /** The `${param}` names the data template and the texts use: what POST /v2/operations needs. */
  parameters: string[];
  timestampCreated: number;
  timestampLastUpdated: number;
}

const PLACEHOLDER = /\$\{([A-Za-z0-9_.-]+)\}/g;

/** The placeholder names of a text, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Every placeholder a template uses: the data template's, then those only its texts use. */
export function templateParameters(template: { dataTemplate: string; texts: unknown }): string[] {
  return [...new Set([...placeholdersOf(template.dataTemplate), ...placeholdersOf(JSON.stringify(template.texts ?? {}))])];
}

/** Replaces each `${name}`; `escape` prepares a value for where it lands (the operation data escapes `*`). */
export function substitute(text: string, parameters: Record<string, string>, escape: (value: string) => string = (value) => value): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(parameters, name) ? escape(parameters[name]!) : whole));
}

export function toTemplateView(row: TemplateRow): TemplateView {
  return {
    name: row.name,
    operationType: row.operationType,
    dataTemplate: row.dataTemplate,
    signatureTypes: row.signatureTypes,
    expirationSeconds: row.expirationSeconds,
    maxFailureCount: row.maxFailureCount,
    proximityCheck: row.proximityCheck,
    riskFlags: row.riskFlags,
    texts: row.texts as Record<string, TemplateTexts>,
    parameters: templateParameters(row),
    timestampCreated: row.createdAt.getTime(),
    timestampLastUpdated: row.updatedAt.getTime(),
  };
}

/** Admin-side errors are ERROR_ADMIN (HTTP 400), as the admin documents report missing objects. */
export const templateNotFound = (name: string) => new AppError("ERROR_ADMIN", `Operation template not found: ${name}`);
