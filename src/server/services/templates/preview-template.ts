/**
 * What a phone would show for an operation made from a template (the console's editor preview):
 * the Mobile Token `formData` in one language with sample parameters filled in (§14), the
 * operation data the phone signs (`A1*…`, §13.2), the factors that may approve it, and which
 * parameters the template needs and the sample lacks. Nothing is stored.
 */
import { escapeOperationDataText } from "@/powerauth/server";
import type { TemplateInput } from "@/schemas/templates";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { allowedSignatureTypeOf, pickTexts, renderFormData } from "../operations/mobile-operation-view";
import { substitute, templateParameters } from "./template-views";

export function previewTemplate({
  actor,
  template,
  language,
  parameters,
}: {
  actor: Actor;
  template: TemplateInput;
  language: string;
  parameters: Record<string, string>;
}) {
  assertCan(actor, "templates.read");
  const needed = templateParameters(template);
  const chosen = pickTexts(template.texts, language, language);
  const languageShown = Object.keys(template.texts).find((key) => template.texts[key] === chosen) ?? language;
  return {
    languageShown,
    parameters: needed,
    missing: needed.filter((name) => !Object.hasOwn(parameters, name) || parameters[name] === ""),
    data: substitute(template.dataTemplate, parameters, escapeOperationDataText),
    allowedSignatureType: allowedSignatureTypeOf(template.signatureTypes),
    formData: renderFormData(template.texts, parameters, language, language),
    ui: { flipButtons: template.riskFlags.includes("X"), blockApprovalOnCall: template.riskFlags.includes("C"), fraudWarning: template.riskFlags.includes("F") },
  };
}
