"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";

import { PushDeliveryStatusBadge } from "@/components/push/push-delivery-status-badge";
import { describeOutcome, PLATFORM_LABELS, pushMessageHref } from "@/components/push/push-labels";
import type { PushProviderName } from "@/components/push/push-types";
import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { InlineError, Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";

import { PROVIDER_NAMES } from "./push-provider-names";

const FIELDS = { platform: { label: "Platform" }, token: { label: "Device token" }, environment: { label: "APNs environment" }, title: { label: "Title" }, body: { label: "Body" } };

/**
 * The console's test push (issue 10 §1): one visible message to one raw token through the real
 * pipeline, so a credential can be tried before any device registers. The server waits for the
 * provider's first answer (send-test-push.ts), which is shown here with a link to the message.
 */
export function PushTestForm({ applicationId, platforms }: { applicationId: string; platforms: readonly PushProviderName[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<PushProviderName>(platforms[0]!);
  const [form, setForm] = useState({ token: "", environment: "", title: "Test notification", body: "A test push from the Guardline console." });
  const send = useMutation(
    trpc.push.testPush.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.push.messages.pathFilter());
      },
    }),
  );
  // The credential may have been removed since the platform was chosen.
  const platform = platforms.includes(chosen) ? chosen : platforms[0]!;
  const failure = describeError(send.error, { fields: FIELDS, input: send.variables });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [name]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    send.reset();
    const environment = platform === "APNS" && form.environment ? (form.environment as "development" | "production") : undefined;
    send.mutate({ applicationId, platform, token: form.token.trim(), title: form.title, body: form.body, ...(environment ? { environment } : {}) });
  }

  const result = send.data;
  return (
    <form onSubmit={submit} className="mt-4 border-t border-slate-100 pt-4" aria-label="Send a test push">
      <h3 className="mb-1 text-xs font-semibold text-slate-700">Send a test push</h3>
      <p className="mb-2 text-xs text-slate-600">One visible notification to one device token, through the queue and the provider, as a real message. The provider&apos;s answer shows below.</p>
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField
          label="Platform"
          value={platform}
          onChange={(event) => { setChosen(event.target.value as PushProviderName); send.reset(); }}
          options={platforms.map((name) => ({ value: name, label: PROVIDER_NAMES[name] }))}
          error={failure.fields.platform}
        />
        {platform === "APNS" ? (
          <SelectField
            label="APNs environment"
            value={form.environment}
            onChange={set("environment")}
            options={[{ value: "", label: "As the credentials say" }, { value: "development", label: "development (sandbox)" }, { value: "production", label: "production" }]}
            error={failure.fields.environment}
          />
        ) : null}
        <TextField label="Device token" value={form.token} onChange={set("token")} error={failure.fields.token} spellCheck={false} autoComplete="off" className="md:col-span-2" inputClassName="font-mono" />
        <TextField label="Title" value={form.title} onChange={set("title")} error={failure.fields.title} />
        <TextAreaField label="Body" rows={2} value={form.body} onChange={set("body")} error={failure.fields.body} />
      </div>
      <InlineError error={failure.message || null} />
      <div className="mt-3 flex justify-end">
        <Button type="submit" variant="primary" pending={send.isPending} pendingText="Sending, waiting for the provider…">
          Send test push
        </Button>
      </div>
      {result ? (
        <Notice tone={result.status === "SENT" ? "success" : result.status === "FAILED" ? "error" : "warning"} className="mt-3 text-xs" data-testid="push-test-result">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">Test push to {PLATFORM_LABELS[send.variables?.platform ?? platform]}:</span>
            <PushDeliveryStatusBadge status={result.status} attempts={result.attempts} />
            <span>{describeOutcome(result.outcome)}</span>
          </p>
          <p className="mt-1">
            Provider status <span className="font-mono">{result.providerStatus ?? "none (no answer)"}</span>
            {result.reason ? <> · reason <span className="font-mono">{result.reason}</span></> : null}
            {" · "}
            <Link href={pushMessageHref(applicationId, result.messageId)} className="font-medium text-blue-700 underline hover:no-underline">
              Open the message in the log
            </Link>
          </p>
        </Notice>
      ) : null}
    </form>
  );
}
