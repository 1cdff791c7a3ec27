"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeValue } from "@/components/ui/code-value";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineError } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { ActionsTh, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { Timestamp } from "@/components/ui/timestamp";

import type { ApplicationOverview } from "./application-types";

export function SdkConfigurationSection({ app, canWrite }: { app: ApplicationOverview; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [unsupporting, setUnsupporting] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.applications.get.queryKey({ id: app.id }) }),
      queryClient.invalidateQueries(trpc.applications.list.pathFilter()),
    ]);
  const setSupport = useMutation(
    trpc.applications.setVersionSupport.mutationOptions({
      onSuccess: async (version) => {
        setUnsupporting(null);
        showFlash(`Version “${version.name}” is now ${version.supported ? "supported" : "unsupported"}.`);
        await refresh();
      },
      onError: (error) => {
        // The confirm dialog shows its own error; marking supported has no dialog.
        if (!unsupporting) showFlash(errorMessage(error), { tone: "error" });
      },
    }),
  );

  return (
    <Section
      title="Mobile SDK configuration"
      description="What the mobile app is configured with. Each version (app release) has its own app key and secret; the mobile SDK configuration string carries them with the master server public key."
    >
      <dl className="mb-4 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
        <dt className="text-xs font-medium text-slate-600 sm:pt-1">Service base URL</dt>
        <dd className="min-w-0">
          <CodeValue value={app.serviceBaseUrl} label="service base URL" />
        </dd>
        <dt className="text-xs font-medium text-slate-600 sm:pt-1">Master server public key</dt>
        <dd className="min-w-0">
          <CodeValue value={app.masterServerPublicKey} label="master server public key" truncate={false} />
        </dd>
      </dl>

      <Table caption="Versions">
        <THead>
          <Tr>
            <Th>Version</Th>
            <Th>Status</Th>
            <Th>App key</Th>
            <Th>App secret</Th>
            <Th>Mobile SDK config</Th>
            <Th>Created</Th>
            {canWrite ? <ActionsTh /> : null}
          </Tr>
        </THead>
        <TBody>
          {app.versions.map((version) => (
            <Tr key={version.name}>
              <Td className="font-mono text-xs font-medium">{version.name}</Td>
              <Td>{version.supported ? <Badge tone="green">Supported</Badge> : <Badge tone="red">Unsupported</Badge>}</Td>
              <Td className="max-w-[10rem]">
                <CodeValue value={version.appKey} label={`app key of version ${version.name}`} />
              </Td>
              <Td className="max-w-[10rem]">
                <CodeValue value={version.appSecret} label={`app secret of version ${version.name}`} />
              </Td>
              <Td className="max-w-[13rem]">
                <CodeValue value={version.mobileSdkConfig} label={`mobile SDK config of version ${version.name}`} />
              </Td>
              <Td>
                <Timestamp value={version.createdAt} format="date" />
              </Td>
              {canWrite ? (
                <Td className="text-right">
                  {version.supported ? (
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => {
                        setSupport.reset();
                        setUnsupporting(version.name);
                      }}
                    >
                      Mark unsupported
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      pending={setSupport.isPending && setSupport.variables?.versionName === version.name}
                      pendingText="Saving…"
                      onClick={() => setSupport.mutate({ id: app.id, versionName: version.name, supported: true })}
                    >
                      Mark supported
                    </Button>
                  )}
                </Td>
              ) : null}
            </Tr>
          ))}
        </TBody>
      </Table>

      {canWrite ? <NewVersionForm applicationId={app.id} onCreated={refresh} /> : null}

      <ConfirmDialog
        open={unsupporting !== null}
        action="Mark unsupported version"
        objectName={unsupporting ?? ""}
        consequence={
          <>
            Signatures made with this version&apos;s app key will fail from now on: people still using this release of the mobile app
            cannot approve anything until they update. You can mark it supported again later.
          </>
        }
        confirmLabel="Mark unsupported"
        pending={setSupport.isPending}
        error={setSupport.error ? errorMessage(setSupport.error) : null}
        onConfirm={() => unsupporting && setSupport.mutate({ id: app.id, versionName: unsupporting, supported: false })}
        onCancel={() => setUnsupporting(null)}
      />
    </Section>
  );
}

function NewVersionForm({ applicationId, onCreated }: { applicationId: string; onCreated: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const { showFlash } = useFlash();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.applications.createVersion.mutationOptions({
      onSuccess: async (version) => {
        setName("");
        showFlash(`Version “${version.name}” added.`);
        await onCreated();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate({ id: applicationId, name: name.trim() });
  }

  return (
    <form onSubmit={submit} className="mt-3" aria-label="New version">
      <div className="flex items-end gap-2">
        <TextField
          label="New version name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. 2.4.0"
          autoComplete="off"
          className="w-56"
        />
        <Button type="submit" pending={create.isPending} pendingText="Adding…" disabled={!name.trim()}>
          Add version
        </Button>
      </div>
      <InlineError error={create.error ? errorMessage(create.error) : null} />
    </form>
  );
}
