/**
 * Operation templates (issue 9 §3; powerauth-products.md §1.4): what a bank registers once and
 * creates operations from. The documents use templates but never show how they are managed, so
 * this contract is ours: the admin REST route (`/admin/templates`), the CLI import and the
 * console all validate with it.
 *
 * A template holds the operation data with `${param}` placeholders (the signed `A1*…` text of
 * protocol §13.2), the allowed signature types, expiry, failure limit, proximity check, risk flags,
 * and per-language texts for the phone: title, message and form attributes (the Mobile Token
 * Operation object's `formData`, enrollment-server Mobile-Token-API.md) whose strings may use the
 * same placeholders.
 */
import { z } from "./zod";

import { requiredArray, requiredString } from "./common";

/** An optional member that may also be sent as null (then treated as absent). */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const ZTemplateName = requiredString(100).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
  error: "must be letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
});

/** Text a template may hold: no control characters other than newline (they cannot reach a QR code, §13.1). */
const text = (max: number) => requiredString(max).regex(/^[^\u0000-\u0009\u000b-\u001f]*$/, { error: "must not contain control characters" });
const optionalText = (max: number) => nullable(z.string({ error: "must be a string" }).max(max, { error: `size must be at most ${max}` }).regex(/^[^\u0000-\u0009\u000b-\u001f]*$/, { error: "must not contain control characters" }));

/** The factor combinations an operation may be approved with (Mobile Token authorize, §10.7). */
export const TEMPLATE_SIGNATURE_TYPES = ["possession", "possession_knowledge", "possession_biometry"] as const;
export const ZTemplateSignatureType = z.enum(TEMPLATE_SIGNATURE_TYPES, { error: "must be possession, possession_knowledge or possession_biometry" });

/** A number in the template, or a `${param}` placeholder that becomes one. */
const amountValue = z.union([z.number({ error: "must be a number or a ${param} text" }), text(100)]);

const base = { id: text(100), label: text(255) };

/** Form attributes, as the Mobile Token Operation object documents them (enrollment-server Mobile-Token-API.md). */
export const ZTemplateAttribute = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("AMOUNT"), ...base, amount: amountValue, currency: text(100), amountFormatted: optionalText(100), currencyFormatted: optionalText(20) }),
    z.object({
      type: z.literal("AMOUNT_CONVERSION"),
      ...base,
      dynamic: nullable(z.boolean({ error: "must be a boolean" })),
      sourceAmount: amountValue,
      sourceCurrency: text(100),
      targetAmount: amountValue,
      targetCurrency: text(100),
    }),
    z.object({ type: z.literal("KEY_VALUE"), ...base, value: text(1000) }),
    z.object({ type: z.literal("NOTE"), ...base, note: text(4000) }),
    z.object({ type: z.literal("HEADING"), ...base }),
    z.object({
      type: z.literal("ALERT"),
      ...base,
      alertType: z.enum(["SUCCESS", "INFO", "WARNING", "ERROR"], { error: "must be SUCCESS, INFO, WARNING or ERROR" }),
      title: optionalText(255),
      message: text(1000),
    }),
    z.object({
      type: z.literal("PARTY_INFO"),
      ...base,
      partyInfo: z.object({ logoUrl: optionalText(1000), name: text(255), description: optionalText(1000), websiteUrl: optionalText(1000) }),
    }),
    z.object({ type: z.literal("IMAGE"), ...base, thumbnailUrl: text(1000), originalUrl: optionalText(1000) }),
  ],
  { error: "must be an attribute with type AMOUNT, AMOUNT_CONVERSION, KEY_VALUE, NOTE, HEADING, ALERT, PARTY_INFO or IMAGE" },
);

export type TemplateAttribute = z.output<typeof ZTemplateAttribute>;

export const ZTemplateTexts = z.object({
  title: text(255),
  message: text(2000),
  attributes: nullable(requiredArray(ZTemplateAttribute, { max: 50 })).transform((value) => value ?? []),
  resultTexts: nullable(z.object({ success: optionalText(1000), failure: optionalText(1000), reject: optionalText(1000) })),
});

export type TemplateTexts = z.output<typeof ZTemplateTexts>;

/** A language code: `en`, `cs`, or a regional one such as `en-GB`. */
export const ZLanguage = z.string({ error: "must be a string" }).regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: "must be a language code such as en or en-GB" });

export const DEFAULT_TEMPLATE_TEXTS: Record<string, TemplateTexts> = {
  en: { title: "Confirm operation", message: "Please review and confirm the operation.", attributes: [], resultTexts: undefined },
};

/** Every field but name, operationType and dataTemplate has a default (issue 9 §3). */
export const ZTemplateInput = z.object({
  name: ZTemplateName,
  operationType: text(100),
  dataTemplate: text(1000),
  signatureTypes: nullable(requiredArray(ZTemplateSignatureType, { min: 1, max: 3 }))
    .transform((value) => [...new Set(value ?? ["possession_knowledge", "possession_biometry"])]),
  // Wultra's shipped templates use 300 s and 5 attempts (powerauth-products.md §1.4).
  expirationSeconds: nullable(z.number({ error: "must be a number" }).int({ error: "must be an integer" }).min(1, { error: "must be at least 1" }).max(30 * 24 * 3600, { error: "must be at most 2592000 (30 days)" })).transform((value) => value ?? 300),
  maxFailureCount: nullable(z.number({ error: "must be a number" }).int({ error: "must be an integer" }).min(1, { error: "must be at least 1" }).max(100, { error: "must be at most 100" })).transform((value) => value ?? 5),
  proximityCheck: nullable(z.boolean({ error: "must be a boolean" })).transform((value) => value ?? false),
  // X flip buttons, C no approval during a call, F fraud warning; B (biometry) follows from signatureTypes.
  riskFlags: nullable(z.string({ error: "must be a string" }).regex(/^[XCF]{0,3}$/, { error: "may only contain the letters X, C and F" })).transform((value) => [...new Set(value ?? "")].join("")),
  texts: nullable(z.record(ZLanguage, ZTemplateTexts, { error: "must be an object of language codes to texts" }))
    .transform((value) => (value && Object.keys(value).length > 0 ? value : DEFAULT_TEMPLATE_TEXTS)),
});

export type TemplateInput = z.output<typeof ZTemplateInput>;

/** `PUT /admin/templates/{name}`: the name comes from the path. */
export const ZTemplateUpdate = ZTemplateInput.omit({ name: true });

export const ZTemplatePathParams = z.object({ name: ZTemplateName });

/** The CLI import file: a JSON array of templates. */
export const ZTemplateImport = requiredArray(ZTemplateInput, { min: 1, max: 1000 });
