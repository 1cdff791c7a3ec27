"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { InlineError } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { CREDENTIAL_NAME_PATTERN } from "@/schemas/credentials";

import type { CreatedCredential } from "./credential-types";

const NAME_HINT = "3 to 64 letters, digits, '.', '_', '@' or '-'. It is the HTTP Basic user name.";

const FIELDS = {
  name: { label: "The name" },
  applicationId: { label: "The application" },
  scope: { label: "The scope" },
};

type Scope = "ADMIN" | "APPLICATION";

/**
 * Creates an integration credential. With `applicationId` it is that application's credential;
 * without, the user picks the scope (one application by default: the narrowest that works) and
 * the application.
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
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<Scope>("APPLICATION");
  const [chosenApplication, setChosenApplication] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
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
  const server = describeError(create.error, { fields: FIELDS, input: create.variables, codeFields: { ERROR_CONFLICT: "name" } });
  const errors = { ...server.fields, ...problems };
  const formMessage = Object.keys(problems).length ? "Check the marked fields." : server.message;
  useFocusFirstInvalid(formRef, [problems, create.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const target = applicationId ?? chosenApplication.trim();
    const found: Record<string, string> = {};
    if (!trimmed) found.name = "Enter a name.";
    else if (!CREDENTIAL_NAME_PATTERN.test(trimmed)) {
      found.name = "The name must be 3 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.";
    }
    if (scope === "APPLICATION" && !target) found.applicationId = "Choose the application.";
    setProblems(found);
    create.reset();
    if (Object.keys(found).length) return;
    create.mutate(scope === "ADMIN" ? { scope, name: trimmed } : { scope, name: trimmed, applicationId: target });
  }

  const appItems = applications.data?.items ?? [];
  const tooManyForSelect = (applications.data?.total ?? 0) > appItems.length;
  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoComplete="off"
        hint={NAME_HINT}
        error={errors.name}
      />
      {applicationId ? null : (
        <>
          <SelectField
            label="Scope"
            value={scope}
            onChange={(e) => setScope(e.target.value as Scope)}
            options={[
              { value: "APPLICATION", label: "One application's API" },
              { value: "ADMIN", label: "Admin API (all applications)" },
            ]}
            error={errors.scope}
            hint={
              scope === "ADMIN"
                ? "May create and change every application through the admin API. Give it only to systems that administer this server."
                : "May only use the business API of the chosen application."
            }
          />
          {scope === "APPLICATION" ? (
            applications.isLoading ? (
              <p role="status" className="text-sm text-slate-600">
                Loading applications…
              </p>
            ) : tooManyForSelect || applications.error ? (
              <TextField
                label="Application"
                value={chosenApplication}
                onChange={(e) => setChosenApplication(e.target.value)}
                error={errors.applicationId}
                hint={applications.error ? "The list of applications could not be loaded; type the application ID." : "Type the application ID (there are too many to list)."}
              />
            ) : (
              <SelectField
                label="Application"
                value={chosenApplication}
                onChange={(e) => setChosenApplication(e.target.value)}
                options={[{ value: "", label: "Choose…" }, ...appItems.map((app) => ({ value: app.id, label: app.id }))]}
                error={errors.applicationId}
              />
            )
          ) : null}
        </>
      )}
      <InlineError error={formMessage || null} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending} pendingText="Creating…">
          Create credential
        </Button>
      </DialogActions>
    </form>
  );
}
