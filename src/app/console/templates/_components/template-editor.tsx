"use client";

import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useRef, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import type { TemplateRow } from "@/components/operations/operation-types";
import type { RouterInputs } from "@/components/trpc/router-types";
import { describeError } from "@/components/trpc/describe-error";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { InlineError } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SelectField } from "@/components/ui/select-field";
import { Section } from "@/components/ui/section";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

import { PhonePreview } from "./phone-preview";

const SIGNATURE_TYPES = [
  { value: "possession", label: "The phone alone (1FA)" },
  { value: "possession_knowledge", label: "The phone and the PIN" },
  { value: "possession_biometry", label: "The phone and biometry" },
] as const;

const RISK_FLAGS = [
  { value: "X", label: "Swap the Approve and Reject buttons (against reflex approvals)" },
  { value: "C", label: "Refuse approval while the phone is in a call (against phone scams)" },
  { value: "F", label: "Show a fraud warning" },
] as const;

const FIELDS = {
  name: { label: "The name" },
  operationType: { label: "The operation type" },
  dataTemplate: { label: "The data template" },
  signatureTypes: { label: "The approval factors", item: "Factor" },
  expirationSeconds: { label: "The expiry" },
  maxFailureCount: { label: "The maximum of failures" },
  riskFlags: { label: "The risk flags" },
  texts: { label: "The texts" },
};

const EXAMPLE_TEXTS = {
  en: {
    title: "Confirm payment",
    message: "Please confirm the payment of ${amount} ${currency} to ${iban}.",
    attributes: [
      { type: "AMOUNT", id: "operation.amount", label: "Amount", amount: "${amount}", currency: "${currency}" },
      { type: "KEY_VALUE", id: "operation.account", label: "To account", value: "${iban}" },
    ],
  },
};

/** What the save procedure takes; a draft may hold what it refuses (the server says what is wrong). */
type TemplateInput = RouterInputs["templates"]["save"];

interface Draft {
  name: string;
  operationType: string;
  dataTemplate: string;
  signatureTypes: string[];
  expirationSeconds: string;
  maxFailureCount: string;
  proximityCheck: boolean;
  riskFlags: string;
  texts: string;
}

const NEW_DRAFT: Draft = {
  name: "",
  operationType: "payment",
  dataTemplate: "A1*A${amount}${currency}*I${iban}",
  signatureTypes: ["possession_knowledge", "possession_biometry"],
  expirationSeconds: "300",
  maxFailureCount: "5",
  proximityCheck: false,
  riskFlags: "",
  texts: JSON.stringify(EXAMPLE_TEXTS, null, 2),
};

const toDraft = (template: TemplateRow): Draft => ({
  name: template.name,
  operationType: template.operationType,
  dataTemplate: template.dataTemplate,
  signatureTypes: template.signatureTypes,
  expirationSeconds: String(template.expirationSeconds),
  maxFailureCount: String(template.maxFailureCount),
  proximityCheck: template.proximityCheck,
  riskFlags: template.riskFlags,
  texts: JSON.stringify(template.texts, null, 2),
});

/** The draft as the API takes it, or the reason it cannot be sent (the texts are not JSON). */
function toInput(draft: Draft): { input: TemplateInput | null; textsProblem: string | null } {
  let texts: unknown;
  try {
    texts = JSON.parse(draft.texts);
  } catch (error) {
    return { input: null, textsProblem: `The texts are not valid JSON: ${error instanceof Error ? error.message : "parse error"}.` };
  }
  const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));
  return {
    input: {
      name: draft.name.trim(),
      operationType: draft.operationType,
      dataTemplate: draft.dataTemplate,
      signatureTypes: draft.signatureTypes,
      expirationSeconds: number(draft.expirationSeconds),
      maxFailureCount: number(draft.maxFailureCount),
      proximityCheck: draft.proximityCheck,
      riskFlags: draft.riskFlags,
      texts,
    } as TemplateInput,
    textsProblem: null,
  };
}

/**
 * Creates or edits an operation template, with a live preview of what the phone shows. Saving
 * replaces the template of that name; operations already made keep their data, factors and
 * limits, and show the new texts.
 */
export function TemplateEditor({ name }: { name: string | null }) {
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.templates.get.queryOptions({ name: name ?? "" }), enabled: name !== null });
  const list = useQuery({ ...trpc.templates.list.queryOptions(), enabled: name === null });
  const backLink = (
    <Link href="/console/templates" className="text-blue-700 hover:underline">
      ← Templates
    </Link>
  );
  if (name === null) {
    if (list.isLoading) return <Loading label="Loading…" />;
    return <EditorForm key="new" initial={NEW_DRAFT} isNew canWrite={list.data?.canWrite ?? false} backLink={backLink} />;
  }
  if (existing.isLoading) return <Loading label="Loading template…" />;
  if (!existing.data) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={`Template ${name}`} />
        <LoadFailurePanel error={existing.error} what="this template" onRetry={() => void existing.refetch()} retrying={existing.isFetching} />
      </>
    );
  }
  return <EditorForm key={existing.data.template.timestampLastUpdated} initial={toDraft(existing.data.template)} isNew={false} canWrite={existing.data.canWrite} backLink={backLink} />;
}

function EditorForm({ initial, isNew, canWrite, backLink }: { initial: Draft; isNew: boolean; canWrite: boolean; backLink: ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(initial);
  const [language, setLanguage] = useState("en");
  const [sample, setSample] = useState<Record<string, string>>({ amount: "100.00", currency: "EUR", iban: "CZ6508000000192000145399" });
  const [deleting, setDeleting] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});

  const { input, textsProblem } = toInput(draft);
  const previewInput = useDebouncedValue(input ? { template: input, language, parameters: sample } : null, 300);
  const preview = useQuery({
    // The query key holds the draft; an invalid draft is the server's to explain (the error shows in the preview).
    ...trpc.templates.preview.queryOptions(previewInput ?? skipToken),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const refresh = () => queryClient.invalidateQueries(trpc.templates.pathFilter());
  const save = useMutation(
    trpc.templates.save.mutationOptions({
      onSuccess: async ({ template, created }) => {
        showFlash(created ? `Template “${template.name}” created.` : `Template “${template.name}” saved.`);
        await refresh();
        if (created) router.replace(`/console/templates/edit?name=${encodeURIComponent(template.name)}`);
      },
    }),
  );
  const remove = useMutation(
    trpc.templates.delete.mutationOptions({
      onSuccess: async () => {
        showFlash(`Template “${initial.name}” deleted.`);
        await refresh();
        router.push("/console/templates");
      },
    }),
  );
  const server = describeError(save.error, { fields: FIELDS, input: save.variables });
  const errors = { ...server.fields, ...problems };
  const formMessage = Object.keys(problems).length ? "Check the marked fields." : server.message;
  useFocusFirstInvalid(formRef, [problems, save.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.reset();
    const found: Record<string, string> = {};
    if (!draft.name.trim()) found.name = "Enter the template's name.";
    if (draft.signatureTypes.length === 0) found.signatureTypes = "Allow at least one way to approve.";
    if (textsProblem) found.texts = textsProblem;
    setProblems(found);
    if (Object.keys(found).length || !input) return;
    save.mutate(input);
  }

  const set = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    // A field's own message goes once it is edited; the next save checks again.
    setProblems((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch))));
  };
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((item) => item !== value));
  const languages = (() => {
    try {
      return Object.keys(JSON.parse(draft.texts) as object);
    } catch {
      return [];
    }
  })();

  return (
    <>
      <PageHeader
        eyebrow={backLink}
        title={isNew ? "New operation template" : <span className="font-mono">{initial.name}</span>}
        description={
          isNew
            ? "Bank backends will create operations from it by its name. The preview shows what the customer's phone displays."
            : "Saving replaces this template. Operations already created keep their data, factors and limits, and show the new texts."
        }
        actions={
          !isNew && canWrite ? (
            <Button
              variant="danger"
              onClick={() => {
                remove.reset();
                setDeleting(true);
              }}
            >
              Delete template
            </Button>
          ) : null
        }
      />
      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Section title="Template">
          <form ref={formRef} onSubmit={submit} noValidate aria-label="Operation template">
            <fieldset disabled={!canWrite} className="space-y-3">
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField
                  label="Name"
                  value={draft.name}
                  onChange={(e) => set({ name: e.target.value })}
                  readOnly={!isNew}
                  maxLength={100}
                  autoComplete="off"
                  hint={isNew ? "Letters, digits, '.', '_', ':' or '-'. Backends use it in POST /v2/operations." : "The name cannot change: backends use it."}
                  error={errors.name}
                />
                <TextField
                  label="Operation type"
                  value={draft.operationType}
                  onChange={(e) => set({ operationType: e.target.value })}
                  maxLength={100}
                  autoComplete="off"
                  hint="The operation's name on the phone (login, payment…)."
                  error={errors.operationType}
                />
              </div>
              <TextField
                label="Data template"
                value={draft.dataTemplate}
                onChange={(e) => set({ dataTemplate: e.target.value })}
                maxLength={1000}
                autoComplete="off"
                inputClassName="font-mono text-xs"
                hint="What the phone signs (protocol §13.2), e.g. A1*A${amount}${currency}*I${iban}. Each ${name} is a parameter backends must give."
                error={errors.dataTemplate}
              />
              <fieldset aria-describedby="signature-types-hint">
                <legend className="text-xs font-medium text-slate-800">Approve with</legend>
                <p id="signature-types-hint" className="text-xs text-slate-600">
                  The factors the customer may use; ticking the phone alone makes it a one-factor operation.
                </p>
                <div className="mt-1 flex flex-wrap gap-4">
                  {SIGNATURE_TYPES.map((type) => (
                    <CheckboxField
                      key={type.value}
                      label={type.label}
                      checked={draft.signatureTypes.includes(type.value)}
                      onChange={(on) => set({ signatureTypes: toggle(draft.signatureTypes, type.value, on) })}
                    />
                  ))}
                </div>
                <InlineError error={errors.signatureTypes ?? null} />
              </fieldset>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField
                  label="Expires after (seconds)"
                  inputMode="numeric"
                  value={draft.expirationSeconds}
                  onChange={(e) => set({ expirationSeconds: e.target.value })}
                  hint="How long the customer has to decide (1 to 2592000, 30 days). Backends may set a sooner expiry per operation."
                  error={errors.expirationSeconds}
                />
                <TextField
                  label="Maximum failures"
                  inputMode="numeric"
                  value={draft.maxFailureCount}
                  onChange={(e) => set({ maxFailureCount: e.target.value })}
                  hint="Wrong approvals (PIN, offline code) before the operation fails (1 to 100)."
                  error={errors.maxFailureCount}
                />
              </div>
              <CheckboxField
                className="flex"
                label="Proximity check: the phone must prove it is near the screen that shows the operation (a TOTP)"
                checked={draft.proximityCheck}
                onChange={(on) => set({ proximityCheck: on })}
              />
              <fieldset>
                <legend className="text-xs font-medium text-slate-800">Risk flags</legend>
                <div className="mt-1 space-y-1">
                  {RISK_FLAGS.map((flag) => (
                    <CheckboxField
                      key={flag.value}
                      className="flex"
                      label={flag.label}
                      checked={draft.riskFlags.includes(flag.value)}
                      onChange={(on) => set({ riskFlags: toggle([...draft.riskFlags], flag.value, on).join("") })}
                    />
                  ))}
                </div>
                <InlineError error={errors.riskFlags ?? null} />
              </fieldset>
              <TextAreaField
                label="Texts per language (JSON)"
                value={draft.texts}
                onChange={(e) => set({ texts: e.target.value })}
                rows={14}
                hint='An object of language codes ("en", "cs", "en-GB") to { title, message, attributes }. Attributes: AMOUNT, AMOUNT_CONVERSION, KEY_VALUE, NOTE, HEADING, ALERT, PARTY_INFO, IMAGE, each with id and label; ${name} placeholders are filled from the parameters.'
                error={errors.texts}
              />
            </fieldset>
            <InlineError error={formMessage || null} />
            {canWrite ? (
              <div className="mt-3 flex gap-2">
                <Button type="submit" variant="primary" pending={save.isPending} pendingText="Saving…">
                  {isNew ? "Create template" : "Save template"}
                </Button>
              </div>
            ) : (
              <p className="mt-3 text-xs text-slate-600">Only administrators change templates.</p>
            )}
          </form>
        </Section>
        <Section title="Preview" description="What the customer's phone shows for an operation from this draft, with these sample parameters.">
          <div className="space-y-3">
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField
                label="Language"
                value={language}
                onChange={(e) => setLanguage(e.target.value)}
                options={(languages.length ? languages : ["en"]).map((code) => ({ value: code, label: code }))}
                hint="The phone asks for its own language; without a match it shows the operation's, then English, then the first."
              />
            </div>
            {(preview.data?.parameters ?? []).length ? (
              <fieldset className="grid gap-2 sm:grid-cols-2">
                <legend className="mb-1 text-xs font-medium text-slate-800">Sample parameters</legend>
                {(preview.data?.parameters ?? []).map((parameter) => (
                  <TextField key={parameter} label={parameter} value={sample[parameter] ?? ""} onChange={(e) => setSample({ ...sample, [parameter]: e.target.value })} autoComplete="off" />
                ))}
              </fieldset>
            ) : null}
            {textsProblem ? (
              <p className="text-sm text-red-700">{textsProblem}</p>
            ) : preview.error ? (
              <p className="text-sm text-red-700" data-testid="preview-error">
                No preview: {errorMessage(preview.error)}
              </p>
            ) : preview.data ? (
              <PhonePreview preview={preview.data} />
            ) : (
              <Loading label="Rendering the preview…" />
            )}
          </div>
        </Section>
      </div>
      <ConfirmDialog
        open={deleting}
        action="Delete template"
        objectName={initial.name}
        consequence="Backends can no longer create operations from it: their requests are refused until a template of this name exists again. A template that operations were made from cannot be deleted (their history refers to it); change it instead."
        confirmLabel="Delete template"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ name: initial.name })}
        onCancel={() => setDeleting(false)}
      />
    </>
  );
}
