"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { describeError } from "@/components/trpc/describe-error";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineError } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { PROTOCOL_SETTINGS_BOUNDS, PROTOCOL_VERSIONS } from "@/schemas/applications";

import type { ApplicationOverview } from "./application-types";

const FIELDS = {
  activationValiditySeconds: { label: "The activation time" },
  maxFailedAttempts: { label: "The maximum of failed attempts" },
  signatureLookAhead: { label: "The signature look-ahead" },
  allowedProtocolVersions: { label: "The protocol versions", item: "Version" },
};

type Settings = ApplicationOverview["protocolSettings"];

interface Draft {
  activationValiditySeconds: string;
  maxFailedAttempts: string;
  signatureLookAhead: string;
  allowedProtocolVersions: string[];
}

const toDraft = (settings: Settings): Draft => ({
  activationValiditySeconds: String(settings.activationValiditySeconds),
  maxFailedAttempts: String(settings.maxFailedAttempts),
  signatureLookAhead: String(settings.signatureLookAhead),
  allowedProtocolVersions: settings.allowedProtocolVersions,
});

/** A number typed into a field, or NaN (the server's message then names the field). */
const whole = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * The application's protocol settings (powerauth-protocol.md §16): how long a new registration may
 * wait, how many failures block it, how far a signature's counter may run ahead, which protocol
 * versions phones may use. Taking a version away is confirmed first: phones on it stop working.
 */
export function ProtocolSettingsSection({ app, canWrite }: { app: ApplicationOverview; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [draft, setDraft] = useState<Draft>(() => toDraft(app.protocolSettings));
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const legendId = useId();

  const save = useMutation(
    trpc.applications.setProtocolSettings.mutationOptions({
      onSuccess: async (saved) => {
        setConfirmingRemoval(false);
        setDraft(toDraft(saved));
        showFlash("Protocol settings saved.");
        await queryClient.invalidateQueries({ queryKey: trpc.applications.get.queryKey({ id: app.id }) });
      },
    }),
  );
  const failure = describeError(save.error, { fields: FIELDS, input: save.variables });
  useFocusFirstInvalid(formRef, [save.error]);

  const removedVersions = app.protocolSettings.allowedProtocolVersions.filter((version) => !draft.allowedProtocolVersions.includes(version));
  const changed = JSON.stringify(toDraft(app.protocolSettings)) !== JSON.stringify(draft);

  function send() {
    save.mutate({
      id: app.id,
      activationValiditySeconds: whole(draft.activationValiditySeconds),
      maxFailedAttempts: whole(draft.maxFailedAttempts),
      signatureLookAhead: whole(draft.signatureLookAhead),
      allowedProtocolVersions: draft.allowedProtocolVersions as (typeof PROTOCOL_VERSIONS)[number][],
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.reset();
    if (removedVersions.length > 0 && draft.allowedProtocolVersions.length > 0) setConfirmingRemoval(true);
    else send();
  }

  const toggleVersion = (version: string, on: boolean) =>
    setDraft((current) => ({
      ...current,
      allowedProtocolVersions: on
        ? PROTOCOL_VERSIONS.filter((v) => v === version || current.allowedProtocolVersions.includes(v))
        : current.allowedProtocolVersions.filter((v) => v !== version),
    }));

  const bounds = (key: keyof typeof PROTOCOL_SETTINGS_BOUNDS) => `${PROTOCOL_SETTINGS_BOUNDS[key].min} to ${PROTOCOL_SETTINGS_BOUNDS[key].max}`;

  return (
    <Section
      title="Protocol settings"
      description="How this application's registrations and signatures behave (the PowerAuth defaults are 300 seconds, 5 attempts, a look-ahead of 20 and every version)."
    >
      <form ref={formRef} onSubmit={submit} aria-label="Protocol settings" noValidate>
        <div className="grid max-w-3xl grid-cols-1 gap-3 sm:grid-cols-3">
          <TextField
            label="Activation time (seconds)"
            inputMode="numeric"
            value={draft.activationValiditySeconds}
            onChange={(e) => setDraft({ ...draft, activationValiditySeconds: e.target.value })}
            disabled={!canWrite}
            hint={`How long a new registration may wait to be activated and committed before it is removed (60 seconds to 7 days).`}
            error={failure.fields.activationValiditySeconds}
          />
          <TextField
            label="Maximum failed attempts"
            inputMode="numeric"
            value={draft.maxFailedAttempts}
            onChange={(e) => setDraft({ ...draft, maxFailedAttempts: e.target.value })}
            disabled={!canWrite}
            hint={`Wrong signatures before a registration is blocked, or wrong activation OTPs before it is removed (${bounds("maxFailedAttempts")}). Applies to registrations created from now on.`}
            error={failure.fields.maxFailedAttempts}
          />
          <TextField
            label="Signature look-ahead"
            inputMode="numeric"
            value={draft.signatureLookAhead}
            onChange={(e) => setDraft({ ...draft, signatureLookAhead: e.target.value })}
            disabled={!canWrite}
            hint={`How many counter steps a phone may be ahead of the server, e.g. after signatures that never arrived (${bounds("signatureLookAhead")}).`}
            error={failure.fields.signatureLookAhead}
          />
        </div>
        <fieldset className="mt-3" aria-describedby={`${legendId}-hint`}>
          <legend id={legendId} className="text-xs font-medium text-slate-800">
            Protocol versions phones may use
          </legend>
          <p id={`${legendId}-hint`} className="text-xs text-slate-600">
            Phones whose SDK speaks a version not ticked here cannot activate, sign or check their status.
          </p>
          <div className="mt-1.5 flex flex-wrap gap-4">
            {PROTOCOL_VERSIONS.map((version) => (
              <CheckboxField
                key={version}
                label={version}
                checked={draft.allowedProtocolVersions.includes(version)}
                onChange={(on) => toggleVersion(version, on)}
                disabled={!canWrite}
              />
            ))}
          </div>
          {draft.allowedProtocolVersions.length === 0 ? (
            <p className="mt-1 text-xs text-red-700" role="alert">
              Tick at least one version: with none, no phone could use the application.
            </p>
          ) : null}
          <InlineError error={failure.fields.allowedProtocolVersions ?? null} />
        </fieldset>
        {canWrite ? (
          <div className="mt-3 flex items-center gap-2">
            <Button type="submit" variant="primary" pending={save.isPending && !confirmingRemoval} pendingText="Saving…" disabled={!changed || draft.allowedProtocolVersions.length === 0}>
              Save protocol settings
            </Button>
            {changed ? (
              <Button type="button" variant="ghost" onClick={() => { save.reset(); setDraft(toDraft(app.protocolSettings)); }}>
                Undo changes
              </Button>
            ) : null}
          </div>
        ) : null}
        <InlineError error={failure.message || null} />
      </form>

      <ConfirmDialog
        open={confirmingRemoval}
        action="Stop protocol versions"
        objectName={removedVersions.join(", ")}
        consequence={`Phones of application “${app.id}” that use protocol ${removedVersions.join(" or ")} can no longer activate, sign, use tokens or check their status, until the version is allowed again or their app is updated.`}
        confirmLabel="Save and stop them"
        pending={save.isPending}
        error={save.error && confirmingRemoval ? errorMessage(save.error) : null}
        onConfirm={send}
        onCancel={() => setConfirmingRemoval(false)}
      />
    </Section>
  );
}
