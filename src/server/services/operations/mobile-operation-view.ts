/**
 * The Mobile Token Operation object (powerauth-protocol.md §14, enrollment-server
 * Mobile-Token-API.md): the operation as the phone shows it, with `formData` rendered from the
 * template's texts in the language the phone asks for (`Accept-Language`; then the operation's
 * language, then English, then the template's first language) and the operation's parameters
 * filled into every `${param}`.
 */
import type { TemplateAttribute, TemplateTexts } from "@/schemas/templates";

import { substitute } from "../templates/template-views";
import { effectiveStatus, type OperationRow } from "./operation-views";

/** `2018-07-02T14:43:13+0000`, the documents' date format. */
export function mobileTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}

/** The language tags of an Accept-Language header, best first (`cs-CZ,cs;q=0.9,en;q=0.8`). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(entry.tag) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The texts to show: the first accepted language the template has (exact, then its primary tag). */
export function pickTexts(texts: Record<string, TemplateTexts>, acceptLanguage: string | null | undefined, operationLanguage: string): TemplateTexts {
  const keys = Object.keys(texts);
  const find = (tag: string) => keys.find((key) => key.toLowerCase() === tag.toLowerCase()) ?? keys.find((key) => key.toLowerCase() === tag.split("-")[0]!.toLowerCase());
  for (const tag of [...acceptedLanguages(acceptLanguage), operationLanguage, "en"]) {
    const key = find(tag);
    if (key) return texts[key]!;
  }
  return texts[keys[0]!] ?? { title: "", message: "", attributes: [], resultTexts: undefined };
}

type Rendered = Record<string, unknown>;

function renderValue(value: unknown, parameters: Record<string, string>): unknown {
  if (typeof value === "string") return substitute(value, parameters);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined && item !== null).map(([key, item]) => [key, renderValue(item, parameters)]));
  }
  return value;
}

const asNumber = (value: unknown): number | undefined => {
  const number = typeof value === "number" ? value : typeof value === "string" && /^-?[0-9]+(\.[0-9]+)?$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
};

/** One attribute with its placeholders filled; amounts become numbers, with formatted texts by default. */
export function renderAttribute(attribute: TemplateAttribute, parameters: Record<string, string>): Rendered {
  const rendered = renderValue(attribute, parameters) as Rendered;
  if (attribute.type === "AMOUNT") {
    const text = String(rendered.amount);
    return { ...rendered, amount: asNumber(text) ?? null, amountFormatted: rendered.amountFormatted ?? text, currencyFormatted: rendered.currencyFormatted ?? rendered.currency };
  }
  if (attribute.type === "AMOUNT_CONVERSION") {
    return { ...rendered, dynamic: rendered.dynamic ?? false, sourceAmount: asNumber(rendered.sourceAmount) ?? null, targetAmount: asNumber(rendered.targetAmount) ?? null };
  }
  return rendered;
}

export interface MobileOperation {
  id: string;
  name: string;
  data: string;
  status: string;
  statusReason?: string;
  operationCreated: string;
  operationExpires: string;
  allowedSignatureType: { type: "1FA" | "2FA"; variants: string[] };
  formData: { title: string; message: string; resultTexts?: Record<string, string>; attributes: Rendered[] };
  ui?: { flipButtons: boolean; blockApprovalOnCall: boolean };
}

/** `1FA` when possession alone may approve, else `2FA` with the allowed variants (§14). */
export function allowedSignatureTypeOf(signatureTypes: string[]): MobileOperation["allowedSignatureType"] {
  return signatureTypes.includes("possession") ? { type: "1FA", variants: ["possession"] } : { type: "2FA", variants: signatureTypes };
}

/**
 * What the phone shows for a template's texts and an operation's parameters: the operations API
 * uses it, and so can the console's template preview (sample parameters, a chosen language).
 */
export function renderFormData(texts: Record<string, TemplateTexts>, parameters: Record<string, string>, acceptLanguage: string | null | undefined, language = "en"): MobileOperation["formData"] {
  const chosen = pickTexts(texts, acceptLanguage, language);
  const resultTexts = chosen.resultTexts ? (renderValue(chosen.resultTexts, parameters) as Record<string, string>) : undefined;
  return {
    title: substitute(chosen.title, parameters),
    message: substitute(chosen.message, parameters),
    ...(resultTexts && Object.keys(resultTexts).length > 0 ? { resultTexts } : {}),
    attributes: (chosen.attributes ?? []).map((attribute) => renderAttribute(attribute, parameters)),
  };
}

export function toMobileOperation(row: OperationRow, texts: Record<string, TemplateTexts>, acceptLanguage: string | null | undefined, now = new Date()): MobileOperation {
  const parameters = Object.fromEntries(Object.entries((row.parameters ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
  const flip = row.riskFlags.includes("X");
  const onCall = row.riskFlags.includes("C");
  return {
    id: row.id,
    name: row.operationType,
    data: row.data,
    status: effectiveStatus(row, now),
    ...(row.statusReason ? { statusReason: row.statusReason } : {}),
    operationCreated: mobileTimestamp(row.createdAt),
    operationExpires: mobileTimestamp(row.expiresAt),
    allowedSignatureType: allowedSignatureTypeOf(row.signatureTypes),
    formData: renderFormData(texts, parameters, acceptLanguage, row.language),
    ...(flip || onCall ? { ui: { flipButtons: flip, blockApprovalOnCall: onCall } } : {}),
  };
}
