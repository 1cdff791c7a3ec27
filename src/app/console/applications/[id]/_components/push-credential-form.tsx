"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import type { PushProviderName as Provider } from "@/components/push/push-types";
import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";

import { PROVIDER_NAMES } from "./push-provider-names";

const FIELDS = {
  topic: { label: "Bundle ID" },
  keyId: { label: "Key ID" },
  teamId: { label: "Team ID" },
  environment: { label: "Environment" },
  privateKeyBase64: { label: "Key file" },
  projectId: { label: "Project ID" },
  appId: { label: "App ID" },
  clientId: { label: "Client ID" },
  clientSecret: { label: "Client secret" },
};

const toBase64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** Upload or paste one provider's credentials (issue 10 §1); validated by the server when set. */
export function PushCredentialForm({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [provider, setProvider] = useState<Provider>("APNS");
  const [form, setForm] = useState<Record<string, string>>({ environment: "development" });
  const save = useMutation(
    trpc.push.setCredential.mutationOptions({
      onSuccess: async (_result, input) => {
        showFlash(`${PROVIDER_NAMES[input.provider]} credentials saved.`);
        setForm({ environment: "development" });
        await queryClient.invalidateQueries({ queryKey: trpc.push.configuration.queryKey({ applicationId: id }) });
      },
    }),
  );
  const failure = describeError(save.error, { fields: FIELDS, input: save.variables });
  const value = (name: string) => form[name] ?? "";
  const set = (name: string) => (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [name]: event.target.value }));

  async function readFile(event: { target: HTMLInputElement }) {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setForm((previous) => ({ ...previous, keyText: text }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.reset();
    const key = toBase64(value("keyText"));
    if (provider === "APNS") {
      save.mutate({ applicationId: id, provider, topic: value("topic"), keyId: value("keyId"), teamId: value("teamId"), environment: value("environment"), privateKeyBase64: key });
    } else if (provider === "FCM") {
      save.mutate({ applicationId: id, provider, privateKeyBase64: key, ...(value("projectId") ? { projectId: value("projectId") } : {}) });
    } else {
      save.mutate({ applicationId: id, provider, projectId: value("projectId"), clientId: value("clientId"), clientSecret: value("clientSecret"), ...(value("appId") ? { appId: value("appId") } : {}) });
    }
  }

  return (
    <form onSubmit={submit} className="mt-4 border-t border-slate-100 pt-4" aria-label="Set push credentials">
      <h3 className="mb-2 text-xs font-semibold text-slate-700">Set credentials</h3>
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField
          label="Provider"
          value={provider}
          onChange={(event) => { setProvider(event.target.value as Provider); save.reset(); }}
          options={(["APNS", "FCM", "HMS"] as const).map((name) => ({ value: name, label: PROVIDER_NAMES[name] }))}
        />
        {provider === "APNS" ? (
          <>
            <TextField label="Bundle ID" value={value("topic")} onChange={set("topic")} error={failure.fields.topic} hint="e.g. com.bank.mobile" />
            <TextField label="Key ID" value={value("keyId")} onChange={set("keyId")} error={failure.fields.keyId} hint="10 characters, from the .p8 file name" />
            <TextField label="Team ID" value={value("teamId")} onChange={set("teamId")} error={failure.fields.teamId} />
            <SelectField label="Environment" value={value("environment")} onChange={set("environment")} options={[{ value: "development", label: "development (sandbox)" }, { value: "production", label: "production" }]} error={failure.fields.environment} />
          </>
        ) : null}
        {provider === "FCM" ? <TextField label="Project ID" value={value("projectId")} onChange={set("projectId")} error={failure.fields.projectId} hint="Optional: taken from the service-account file" /> : null}
        {provider === "HMS" ? (
          <>
            <TextField label="Project ID" value={value("projectId")} onChange={set("projectId")} error={failure.fields.projectId} />
            <TextField label="App ID" value={value("appId")} onChange={set("appId")} error={failure.fields.appId} hint="Optional" />
            <TextField label="Client ID" value={value("clientId")} onChange={set("clientId")} error={failure.fields.clientId} />
            <TextField label="Client secret" type="password" autoComplete="off" value={value("clientSecret")} onChange={set("clientSecret")} error={failure.fields.clientSecret} />
          </>
        ) : null}
      </div>
      {provider !== "HMS" ? (
        <div className="mt-3 grid gap-3 md:grid-cols-2">
          <label className="text-xs text-slate-700">
            <span className="mb-1 block font-medium">{provider === "APNS" ? "Upload the .p8 key file" : "Upload the service-account JSON"}</span>
            <input type="file" accept={provider === "APNS" ? ".p8,.pem" : ".json,application/json"} onChange={(event) => void readFile(event)} className="text-xs" />
          </label>
          <TextAreaField
            label={provider === "APNS" ? "Or paste the .p8 key" : "Or paste the service-account JSON"}
            rows={5}
            value={value("keyText")}
            onChange={set("keyText")}
            error={failure.fields.privateKeyBase64}
            spellCheck={false}
          />
        </div>
      ) : null}
      <InlineError error={failure.message || null} />
      <div className="mt-3 flex justify-end">
        <Button type="submit" variant="primary" pending={save.isPending} pendingText="Saving…">
          Save {PROVIDER_NAMES[provider]} credentials
        </Button>
      </div>
    </form>
  );
}
