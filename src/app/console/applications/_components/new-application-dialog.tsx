"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

import { splitRoles } from "./split-roles";

const FIELDS = { id: { label: "The application ID" }, roles: { label: "The roles", item: "Role" } };

export function NewApplicationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New application"
      description="Creates the master key pair and a first version “default” with its app key and secret."
    >
      <NewApplicationForm onCancel={onClose} />
    </Dialog>
  );
}

function NewApplicationForm({ onCancel }: { onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { showFlash } = useFlash();
  const [id, setId] = useState("");
  const [roles, setRoles] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation(
    trpc.applications.create.mutationOptions({
      onSuccess: async (app) => {
        const path = `/console/applications/${encodeURIComponent(app.id)}`;
        showFlash(`Application “${app.id}” created.`, { path });
        await queryClient.invalidateQueries(trpc.applications.list.pathFilter());
        router.push(path);
      },
    }),
  );

  // "Application already exists" is the only ERROR_ADMIN a valid create can meet: it is the ID's.
  const server = describeError(create.error, { fields: FIELDS, input: create.variables, codeFields: { ERROR_ADMIN: "id" } });
  useFocusFirstInvalid(formRef, [problem, create.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = id.trim();
    create.reset();
    if (!trimmed) return setProblem("Enter the application ID.");
    setProblem(null);
    create.mutate({ id: trimmed, roles: splitRoles(roles) });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate>
      <TextField
        label="Application ID"
        value={id}
        onChange={(e) => setId(e.target.value)}
        required
        autoComplete="off"
        hint="1 to 100 letters, digits, '.', '_' or '-'. It cannot be changed later."
        error={problem ?? server.fields.id}
      />
      <TextField
        label="Roles (optional)"
        value={roles}
        onChange={(e) => setRoles(e.target.value)}
        autoComplete="off"
        hint="Separated by commas or spaces, e.g. ROLE_USER, ROLE_ADMIN"
        error={server.fields.roles}
      />
      <InlineError error={problem ? "Check the marked field." : server.message || null} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending || create.isSuccess} pendingText="Creating…">
          Create application
        </Button>
      </DialogActions>
    </form>
  );
}
