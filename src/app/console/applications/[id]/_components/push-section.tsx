"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { useCan } from "@/components/console/use-me";
import { pushMessageLogHref } from "@/components/push/push-labels";
import type { PushProviderName as Provider } from "@/components/push/push-types";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button-classes";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { Timestamp } from "@/components/ui/timestamp";

import { PushCredentialForm } from "./push-credential-form";
import { PushDevicesTable } from "./push-devices-table";
import { PROVIDER_NAMES } from "./push-provider-names";
import { PushTestForm } from "./push-test-form";

/** What the stored settings say, one line; the secret is never sent to the console. */
function describeSettings(provider: Provider, settings: Record<string, string | null | undefined>): string {
  if (provider === "APNS") return `${settings.topic ?? ""} · key ${settings.keyId ?? ""} · team ${settings.teamId ?? ""} · ${settings.environment ?? ""}`;
  if (provider === "FCM") return `project ${settings.projectId ?? ""} · ${settings.clientEmail ?? ""}`;
  return `project ${settings.projectId ?? ""} · client ${settings.clientId ?? ""}`;
}

export function PushSection({ id, canWrite }: { id: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  // Operators send test pushes without being allowed to change credentials (permissions.ts OPERATE).
  const canSend = useCan("push.send");
  const config = useQuery(trpc.push.configuration.queryOptions({ applicationId: id }));
  const [removing, setRemoving] = useState<Provider | null>(null);
  const remove = useMutation(
    trpc.push.removeCredential.mutationOptions({
      onSuccess: async (_result, input) => {
        setRemoving(null);
        showFlash(`${PROVIDER_NAMES[input.provider]} credentials removed.`);
        await queryClient.invalidateQueries({ queryKey: trpc.push.configuration.queryKey({ applicationId: id }) });
      },
    }),
  );

  if (config.isLoading) return <Section title="Push"><Loading label="Loading push configuration…" /></Section>;
  if (!config.data) {
    return (
      <Section title="Push">
        <LoadFailurePanel error={config.error} what="the push configuration" onRetry={() => void config.refetch()} retrying={config.isFetching} />
      </Section>
    );
  }
  const stored = new Map(config.data.credentials.map((credential) => [credential.provider, credential]));
  const configured = (["APNS", "FCM", "HMS"] as const).filter((name) => stored.has(name));

  return (
    <Section
      title="Push"
      description="The credentials this application sends push notifications with, and the devices registered to receive them. Keys and secrets are stored encrypted and never shown again."
      actions={
        <Link href={pushMessageLogHref(id)} className={buttonClasses("secondary", "sm")}>
          Message log
        </Link>
      }
    >
      <ul className="space-y-2" aria-label="Push providers">
        {(["APNS", "FCM", "HMS"] as const).map((name) => {
          const credential = stored.get(name);
          return (
            <li key={name} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3" aria-label={PROVIDER_NAMES[name]}>
              <div>
                <h3 className="text-xs font-semibold text-slate-900">{PROVIDER_NAMES[name]}</h3>
                {credential ? (
                  <p className="mt-0.5 font-mono text-xs text-slate-700">{describeSettings(name, credential.settings)}</p>
                ) : (
                  <p className="mt-0.5 text-xs text-slate-600">Not set</p>
                )}
                {credential?.isFailing ? (
                  // The provider refused our own credentials (issue 10 §3): devices are kept, every send fails until this is fixed.
                  <p className="mt-1 text-xs text-red-800" data-testid={`push-failing-${name}`}>
                    <Badge tone="red">Failing</Badge> {credential.lastError ?? "the provider refused these credentials"}
                    {credential.lastErrorAt ? (
                      <>
                        {" "}since <Timestamp value={credential.lastErrorAt} format="short" />
                      </>
                    ) : null}
                  </p>
                ) : null}
              </div>
              <div className="flex items-center gap-2">
                {credential ? <Badge tone={credential.isFailing ? "red" : "green"}>{credential.isFailing ? "failing" : "key set"}</Badge> : <Badge>not set</Badge>}
                {canWrite && credential ? (
                  <Button size="sm" variant="danger" aria-label={`Remove ${PROVIDER_NAMES[name]} credentials`} onClick={() => { remove.reset(); setRemoving(name); }}>
                    Remove
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>

      {canWrite ? <PushCredentialForm id={id} /> : <Notice className="mt-3 text-xs">Only administrators change push credentials.</Notice>}

      {canSend && configured.length > 0 ? <PushTestForm applicationId={id} platforms={configured} /> : null}

      <PushDevicesTable applicationId={id} />

      <ConfirmDialog
        open={removing !== null}
        action="Remove push credentials"
        objectName={removing ? `${PROVIDER_NAMES[removing]} of ${id}` : ""}
        consequence={`No push notification can be sent to ${removing ? PROVIDER_NAMES[removing] : ""} devices of this application until new credentials are set. The registered devices are kept.`}
        confirmLabel="Remove credentials"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => removing && remove.mutate({ applicationId: id, provider: removing })}
        onCancel={() => setRemoving(null)}
      />
    </Section>
  );
}
