"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";

import { splitRoles } from "./split-roles";

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

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = id.trim();
    if (!trimmed) return setProblem("Enter the application ID.");
    setProblem(null);
    create.mutate({ id: trimmed, roles: splitRoles(roles) });
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <TextField
        label="Application ID"
        value={id}
        onChange={(e) => setId(e.target.value)}
        required
        autoComplete="off"
        hint="1 to 100 letters, digits, '.', '_' or '-'. It cannot be changed later."
      />
      <TextField
        label="Roles (optional)"
        value={roles}
        onChange={(e) => setRoles(e.target.value)}
        autoComplete="off"
        hint="Separated by commas or spaces, e.g. ROLE_USER, ROLE_ADMIN"
      />
      <InlineError error={problem ?? (create.error ? errorMessage(create.error) : null)} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending || create.isSuccess} pendingText="Creating…">
          Create application
        </Button>
      </DialogActions>
    </form>
  );
}
