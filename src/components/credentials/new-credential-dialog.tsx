"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

import type { CreatedCredential } from "./credential-types";

const NAME_HINT = "3 to 64 letters, digits, '.', '_', '@' or '-'. It is the HTTP Basic user name.";

/**
 * Creates an integration credential. With `applicationId` it is that application's credential;
 * without, the user picks the scope (and the application for an application credential).
 */
export function NewCredentialDialog({
  open,
  onClose,
  applicationId,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  applicationId?: string;
  onCreated: (credential: CreatedCredential) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New credential"
      description={
        applicationId
          ? `A user name and password for a backend calling the API of application “${applicationId}”.`
          : "A user name and password for a bank backend calling this server's REST API."
      }
    >
      <NewCredentialForm applicationId={applicationId} onCancel={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewCredentialForm({
  applicationId,
  onCancel,
  onCreated,
}: {
  applicationId?: string;
  onCancel: () => void;
  onCreated: (credential: CreatedCredential) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"ADMIN" | "APPLICATION">(applicationId ? "APPLICATION" : "ADMIN");
  const [chosenApplication, setChosenApplication] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // 200 is the router's page limit; past that the field becomes free text (see below).
  const applications = useQuery({
    ...trpc.applications.list.queryOptions({ page: 1, pageSize: 200 }),
    enabled: !applicationId && scope === "APPLICATION",
  });
  const create = useMutation(
    trpc.credentials.create.mutationOptions({
      onSuccess: async (credential) => {
        onCreated(credential);
        await Promise.all([
          queryClient.invalidateQueries(trpc.credentials.list.pathFilter()),
          queryClient.invalidateQueries(trpc.applications.list.pathFilter()),
        ]);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const target = applicationId ?? chosenApplication.trim();
    if (!trimmed) return setProblem("Enter a name.");
    if (scope === "APPLICATION" && !target) return setProblem("Choose the application.");
    setProblem(null);
    create.mutate(scope === "ADMIN" ? { scope, name: trimmed } : { scope, name: trimmed, applicationId: target });
  }

  const appItems = applications.data?.items ?? [];
  const tooManyForSelect = (applications.data?.total ?? 0) > appItems.length;
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" hint={NAME_HINT} />
      {applicationId ? null : (
        <>
          <SelectField
            label="Scope"
            value={scope}
            onChange={(e) => setScope(e.target.value as "ADMIN" | "APPLICATION")}
            options={[
              { value: "ADMIN", label: "Admin API (all applications)" },
              { value: "APPLICATION", label: "One application's API" },
            ]}
            hint={
              scope === "ADMIN"
                ? "May manage applications through the admin API."
                : "May only use the business API of the chosen application."
            }
          />
          {scope === "APPLICATION" ? (
            applications.isLoading ? (
              <p className="text-sm text-slate-500">Loading applications…</p>
            ) : tooManyForSelect ? (
              <TextField
                label="Application"
                value={chosenApplication}
                onChange={(e) => setChosenApplication(e.target.value)}
                hint="Type the application ID (there are too many to list)."
              />
            ) : (
              <SelectField
                label="Application"
                value={chosenApplication}
                onChange={(e) => setChosenApplication(e.target.value)}
                options={[{ value: "", label: "Choose…" }, ...appItems.map((app) => ({ value: app.id, label: app.id }))]}
                error={applications.error ? errorMessage(applications.error) : null}
              />
            )
          ) : null}
        </>
      )}
      <InlineError error={problem ?? (create.error ? errorMessage(create.error) : null)} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending} pendingText="Creating…">
          Create credential
        </Button>
      </DialogActions>
    </form>
  );
}
