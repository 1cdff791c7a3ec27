"use client";

import type { TemplatePreview } from "@/components/operations/operation-types";
import { CodeValue } from "@/components/ui/code-value";

type Attribute = Record<string, unknown> & { type?: string; id?: string; label?: string };

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** One attribute of the Mobile Token form, roughly as the SDK's default screen lays it out. */
function AttributeRow({ attribute }: { attribute: Attribute }) {
  switch (attribute.type) {
    case "HEADING":
      return <p className="pt-1 text-sm font-semibold text-slate-900">{text(attribute.label)}</p>;
    case "AMOUNT":
      return (
        <div>
          <p className="text-xs text-slate-600">{text(attribute.label)}</p>
          <p className="text-lg font-semibold text-slate-900 tabular-nums">
            {text(attribute.amountFormatted ?? attribute.amount)} {text(attribute.currencyFormatted ?? attribute.currency)}
          </p>
        </div>
      );
    case "AMOUNT_CONVERSION":
      return (
        <div>
          <p className="text-xs text-slate-600">{text(attribute.label)}</p>
          <p className="text-sm text-slate-900 tabular-nums">
            {text(attribute.sourceAmount)} {text(attribute.sourceCurrency)} → {text(attribute.targetAmount)} {text(attribute.targetCurrency)}
          </p>
        </div>
      );
    case "KEY_VALUE":
      return (
        <div className="flex justify-between gap-3 text-sm">
          <span className="text-slate-600">{text(attribute.label)}</span>
          <span className="text-right break-all text-slate-900">{text(attribute.value)}</span>
        </div>
      );
    case "NOTE":
      return (
        <div>
          <p className="text-xs text-slate-600">{text(attribute.label)}</p>
          <p className="text-sm whitespace-pre-line text-slate-900">{text(attribute.note)}</p>
        </div>
      );
    case "ALERT":
      return (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {attribute.title ? <p className="font-semibold">{text(attribute.title)}</p> : null}
          <p>{text(attribute.message)}</p>
        </div>
      );
    case "PARTY_INFO": {
      const party = (attribute.partyInfo ?? {}) as Record<string, unknown>;
      return (
        <div className="text-sm">
          <p className="text-xs text-slate-600">{text(attribute.label)}</p>
          <p className="font-medium text-slate-900">{text(party.name)}</p>
          {party.description ? <p className="text-xs text-slate-600">{text(party.description)}</p> : null}
        </div>
      );
    }
    default:
      return (
        <div className="text-sm">
          <p className="text-xs text-slate-600">{text(attribute.label)}</p>
          <p className="font-mono text-xs break-all text-slate-700">{attribute.type}</p>
        </div>
      );
  }
}

/** The operation as a phone would show it: title, message, the form's attributes, the buttons. */
export function PhonePreview({ preview }: { preview: TemplatePreview }) {
  const flip = preview.ui.flipButtons;
  const buttons = [
    <span key="reject" className="flex-1 rounded-md border border-slate-300 py-1.5 text-center text-sm text-slate-800">
      Reject
    </span>,
    <span key="approve" className="flex-1 rounded-md bg-blue-700 py-1.5 text-center text-sm text-white">
      Approve{preview.allowedSignatureType.type === "2FA" ? " with PIN" : ""}
    </span>,
  ];
  return (
    <div className="space-y-3">
      <figure aria-label="Phone preview" className="mx-auto max-w-xs rounded-3xl border-4 border-slate-800 bg-white p-4 shadow-sm" data-testid="phone-preview">
        <p className="text-base font-semibold text-slate-900">{preview.formData.title}</p>
        <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{preview.formData.message}</p>
        {preview.ui.fraudWarning ? <p className="mt-2 rounded-md bg-red-50 p-2 text-xs text-red-800">Beware of fraud: the bank never asks you to approve an operation you did not start.</p> : null}
        <div className="mt-3 space-y-2 border-t border-slate-200 pt-3">
          {preview.formData.attributes.map((attribute, index) => (
            <AttributeRow key={`${text((attribute as Attribute).id)}-${index}`} attribute={attribute as Attribute} />
          ))}
        </div>
        <div className="mt-4 flex gap-2">{flip ? [...buttons].reverse() : buttons}</div>
        {preview.ui.blockApprovalOnCall ? <p className="mt-2 text-center text-xs text-slate-600">Approval is refused during a phone call.</p> : null}
        <figcaption className="sr-only">Shown in language {preview.languageShown}</figcaption>
      </figure>
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-600">Language shown</dt>
        <dd className="font-mono">{preview.languageShown}</dd>
        <dt className="text-slate-600">Approval</dt>
        <dd>
          {preview.allowedSignatureType.type} ({preview.allowedSignatureType.variants.join(", ")})
        </dd>
        <dt className="text-slate-600">Signed data</dt>
        <dd>
          <CodeValue value={preview.data} label="operation data" truncate={false} />
        </dd>
        {preview.missing.length ? (
          <>
            <dt className="text-slate-600">Missing</dt>
            <dd className="text-amber-800">Sample values for {preview.missing.join(", ")}: backends must give every parameter.</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
