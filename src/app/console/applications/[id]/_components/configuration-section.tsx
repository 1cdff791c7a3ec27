"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { describeError } from "@/components/trpc/describe-error";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { JsonView } from "@/components/ui/json-view";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { InlineError, Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

/** What each key means and what its values look like (the server validates them again). */
const KEY_HELP: Record<string, { about: string; example: string }> = {
  fido2_attestation_fmt_allowed: {
    about: "Attestation formats accepted when a FIDO2 authenticator is registered: packed, tpm, android-key, android-safetynet, fido-u2f, apple, none.",
    example: '["packed", "apple"]',
  },
  fido2_aaguids_allowed: {
    about: "AAGUIDs (UUIDs) of the FIDO2 authenticator models that are accepted.",
    example: '["ee882879-721c-4913-9775-3dfcce97072a"]',
  },
  fido2_root_ca_certs: {
    about: "Root certificates (PEM) that FIDO2 attestation certificates must chain to.",
    example: '["-----BEGIN CERTIFICATE-----\\nMIIB…\\n-----END CERTIFICATE-----"]',
  },
  oauth2_providers: {
    about:
      "OAuth 2.0 providers: objects with providerId, clientId, clientSecret, issuerUri, redirectUri and optionally clientAuthenticationMethod, authorizeUri, tokenUri, jwkSetUri, scopes, pkceEnabled, signatureAlgorithm.",
    example: '[{"providerId": "bank-idp", "clientId": "mobile", "clientSecret": "…", "issuerUri": "https://idp.example", "redirectUri": "https://app.example/cb"}]',
  },
};

const OAUTH_NOTE =
  "Client secrets are never shown: a provider with a stored secret reads as \"clientSecretSet\": true. Leave clientSecret out of a provider to keep its stored secret; give it to replace it.";

/** Parses the editor's text; the server would refuse anything but an array anyway, this says so sooner. */
function parseValues(text: string): { values: unknown[] } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(parsed)) return { problem: "The values must be a JSON array, e.g. [\"packed\"]." };
  return { values: parsed };
}

const pretty = (values: unknown[]) => JSON.stringify(values, null, 2);

const CONFIG_FIELDS = { key: { label: "The configuration key" }, values: { label: "The values", item: "Item" } };

export function ConfigurationSection({ id, canWrite }: { id: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const config = useQuery(trpc.applications.config.queryOptions({ id }));
  const [removing, setRemoving] = useState<string | null>(null);
  const [editorKey, setEditorKey] = useState("");
  // null: not edited, so the editor shows what is stored for the chosen key.
  const [editorText, setEditorText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.applications.config.queryKey({ id }) });
  const save = useMutation(
    trpc.applications.setConfig.mutationOptions({
      onSuccess: async (result) => {
        showFlash(`Configuration “${result.key}” saved.`);
        setEditorText(pretty(result.values));
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.applications.removeConfig.mutationOptions({
      onSuccess: async (_result, input) => {
        setRemoving(null);
        showFlash(`Configuration “${input.key}” removed.`);
        await refresh();
      },
    }),
  );

  useFocusFirstInvalid(formRef, [save.error, problem]);

  if (config.isLoading) return <Section title="Configuration"><Loading label="Loading configuration…" /></Section>;
  if (!config.data) {
    return (
      <Section title="Configuration">
        <LoadFailurePanel error={config.error} what="the configuration" onRetry={() => void config.refetch()} retrying={config.isFetching} />
      </Section>
    );
  }
  const saveFailure = describeError(save.error, { fields: CONFIG_FIELDS, input: save.variables });

  const { keys, applicationConfigs } = config.data;
  const stored = new Map(applicationConfigs.map((entry) => [entry.key, entry.values]));
  const key = editorKey || keys[0] || "";
  const unset = keys.filter((k) => !stored.has(k));
  const text = editorText ?? pretty(stored.get(key) ?? []);

  function chooseKey(next: string, focus = false) {
    setEditorKey(next);
    setEditorText(null);
    setProblem(null);
    save.reset();
    if (focus) textRef.current?.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = parseValues(text);
    save.reset();
    if ("problem" in result) return setProblem(result.problem);
    setProblem(null);
    save.mutate({ id, key, values: result.values });
  }

  return (
    <Section
      title="Configuration"
      description="Settings the server applies to this application, one JSON array per key. Only these four keys exist."
    >
      {applicationConfigs.length ? (
        <ul className="space-y-3">
          {applicationConfigs.map((entry) => (
            <li key={entry.key} className="rounded-md border border-slate-200 p-3">
              <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-mono text-xs font-semibold text-slate-900">{entry.key}</h3>
                {canWrite ? (
                  <div className="flex gap-2">
                    <Button size="sm" aria-label={`Edit ${entry.key}`} onClick={() => chooseKey(entry.key, true)}>
                      Edit
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      aria-label={`Remove ${entry.key}`}
                      onClick={() => {
                        remove.reset();
                        setRemoving(entry.key);
                      }}
                    >
                      Remove
                    </Button>
                  </div>
                ) : null}
              </div>
              <JsonView value={entry.values} label={`Values of ${entry.key}`} />
              {entry.key === "oauth2_providers" ? <p className="mt-1 text-xs text-slate-600">{OAUTH_NOTE}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No configuration set">None of the four keys is set for this application.</EmptyState>
      )}
      {unset.length && applicationConfigs.length ? (
        <p className="mt-2 text-xs text-slate-600">
          Not set: <span className="font-mono">{unset.join(", ")}</span>
        </p>
      ) : null}

      {canWrite ? (
        <form ref={formRef} onSubmit={submit} className="mt-4 border-t border-slate-100 pt-4" aria-label="Edit configuration">
          <h3 className="mb-2 text-xs font-semibold text-slate-700">Set a key</h3>
          <div className="grid gap-3 lg:grid-cols-[21rem_minmax(0,1fr)]">
            <div className="space-y-2">
              <SelectField
                label="Configuration key"
                value={key}
                onChange={(e) => chooseKey(e.target.value)}
                options={keys.map((k) => ({ value: k, label: stored.has(k) ? k : `${k} (not set)` }))}
                error={saveFailure.fields.key}
              />
              <p className="text-xs text-slate-700">{KEY_HELP[key]?.about}</p>
              {key === "oauth2_providers" ? (
                <Notice tone="warning" className="text-xs">
                  Leave clientSecret out of a provider to keep its stored secret; give it to replace it.
                </Notice>
              ) : null}
            </div>
            <TextAreaField
              ref={textRef}
              label="Values (JSON array)"
              rows={8}
              value={text}
              onChange={(e) => setEditorText(e.target.value)}
              error={problem ?? saveFailure.fields.values}
              hint={KEY_HELP[key] ? <>Example: <code className="font-mono">{KEY_HELP[key].example}</code></> : undefined}
            />
          </div>
          <InlineError error={problem ? "Check the marked field." : saveFailure.message || null} />
          <div className="mt-3 flex justify-end">
            <Button type="submit" variant="primary" pending={save.isPending} pendingText="Saving…">
              Save configuration
            </Button>
          </div>
        </form>
      ) : null}

      <ConfirmDialog
        open={removing !== null}
        action="Remove configuration"
        objectName={removing ?? ""}
        consequence={`All values of this key are removed from application “${id}”.`}
        confirmLabel="Remove configuration"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => removing && remove.mutate({ id, key: removing })}
        onCancel={() => setRemoving(null)}
      />
    </Section>
  );
}
