"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { describeError } from "@/components/trpc/describe-error";
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
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

import type { ApplicationOverview } from "./application-types";

export function SdkConfigurationSection({ app, canWrite }: { app: ApplicationOverview; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [unsupporting, setUnsupporting] = useState<string | null>(null);
  const isLastSupported = unsupporting !== null && !app.versions.some((version) => version.supported && version.name !== unsupporting);

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
      onError: async (error) => {
        // The confirm dialog shows its own error; marking supported has no dialog.
        if (!unsupporting) showFlash(errorMessage(error), { tone: "error" });
        // A refusal may come from stale rows (another administrator changed the versions), and
        // the dialog's warning depends on them.
        await refresh();
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

      {/* Fixed columns: the keys truncate (the copy button is how they are used), so the table fits 1024 px. */}
      <Table caption="Versions" fixed>
        <THead>
          <Tr>
            <Th className="w-[14%]">Version</Th>
            <Th className="w-[13%]">Status</Th>
            <Th className="w-[18%]">App key</Th>
            <Th className="w-[18%]">App secret</Th>
            <Th>Mobile SDK config</Th>
            {canWrite ? <ActionsTh className="w-[9.5rem]" /> : null}
          </Tr>
        </THead>
        <TBody>
          {app.versions.map((version) => (
            <Tr key={version.name}>
              <Td>
                <div className="truncate font-mono text-xs font-medium" title={version.name}>
                  {version.name}
                </div>
                <div className="text-xs text-slate-600">
                  added <Timestamp value={version.createdAt} format="date" />
                </div>
              </Td>
              <Td>{version.supported ? <Badge tone="green">Supported</Badge> : <Badge tone="red">Unsupported</Badge>}</Td>
              <Td>
                <CodeValue value={version.appKey} label={`app key of version ${version.name}`} />
              </Td>
              <Td>
                <CodeValue value={version.appSecret} label={`app secret of version ${version.name}`} />
              </Td>
              <Td>
                <CodeValue value={version.mobileSdkConfig} label={`mobile SDK config of version ${version.name}`} />
              </Td>
              {canWrite ? (
                <Td className="text-right">
                  {/* The hidden words make each button name its row ("Mark version 2.4.0 unsupported") while
                      the visible label stays short and is part of that name. */}
                  {version.supported ? (
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => {
                        setSupport.reset();
                        setUnsupporting(version.name);
                      }}
                    >
                      <span>
                        Mark <span className="sr-only">version {version.name} </span>unsupported
                      </span>
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      pending={setSupport.isPending && setSupport.variables?.versionName === version.name}
                      pendingText="Saving…"
                      onClick={() => setSupport.mutate({ id: app.id, versionName: version.name, supported: true })}
                    >
                      <span>
                        Mark <span className="sr-only">version {version.name} </span>supported
                      </span>
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
        action={isLastSupported ? "Mark the last supported version" : "Mark unsupported version"}
        objectName={unsupporting ?? ""}
        consequence={
          isLastSupported ? (
            <div data-testid="last-supported-warning" className="space-y-2">
              <p className="font-semibold text-red-800">This is the last supported version of {app.id}. With none supported, mobile apps stop working.</p>
              <p>
                Every installed copy of the mobile app, whatever its release, is refused from now on: nobody can activate it, sign in or approve
                anything with it until you mark a version supported again.
              </p>
            </div>
          ) : (
            <>
              Signatures made with this version&apos;s app key will fail from now on: people still using this release of the mobile app
              cannot approve anything until they update. You can mark it supported again later.
            </>
          )
        }
        confirmLabel={isLastSupported ? "Stop every mobile app" : "Mark unsupported"}
        pending={setSupport.isPending}
        error={setSupport.error ? errorMessage(setSupport.error) : null}
        onConfirm={() =>
          unsupporting &&
          setSupport.mutate({ id: app.id, versionName: unsupporting, supported: false, acknowledgeNoneSupported: isLastSupported })
        }
        onCancel={() => setUnsupporting(null)}
      />
    </Section>
  );
}

const VERSION_FIELDS = { name: { label: "The version name" } };

function NewVersionForm({ applicationId, onCreated }: { applicationId: string; onCreated: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const { showFlash } = useFlash();
  const formRef = useRef<HTMLFormElement>(null);
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

  // "Version already exists" is the ERROR_ADMIN a valid name can meet: it concerns the name.
  const server = describeError(create.error, { fields: VERSION_FIELDS, codeFields: { ERROR_ADMIN: "name" } });
  useFocusFirstInvalid(formRef, [create.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate({ id: applicationId, name: name.trim() });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="mt-3" aria-label="New version">
      <div className="flex items-start gap-2">
        <TextField
          label="New version name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. 2.4.0"
          autoComplete="off"
          className="w-56"
          error={server.fields.name}
        />
        {/* mt-5 lines the button up with the input under its label, whatever the messages below. */}
        <Button type="submit" className="mt-5" pending={create.isPending} pendingText="Adding…" disabled={!name.trim()}>
          Add version
        </Button>
      </div>
      <InlineError error={server.message || null} />
    </form>
  );
}
