"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { describeError } from "@/components/trpc/describe-error";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineError } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

import { splitRoles } from "../../_components/split-roles";
import type { ApplicationOverview } from "./application-types";

const ROLE_FIELDS = { roles: { label: "The roles", item: "Role" } };

export function RolesSection({ app, canWrite }: { app: ApplicationOverview; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [removing, setRemoving] = useState<string | null>(null);
  const [newRoles, setNewRoles] = useState("");
  const formRef = useRef<HTMLFormElement>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.applications.get.queryKey({ id: app.id }) }),
      queryClient.invalidateQueries(trpc.applications.list.pathFilter()),
    ]);
  const add = useMutation(
    trpc.applications.addRoles.mutationOptions({
      onSuccess: async (_roles, input) => {
        setNewRoles("");
        showFlash(`${input.roles.length === 1 ? "Role" : "Roles"} ${input.roles.map((r) => `“${r}”`).join(", ")} added.`);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.applications.removeRoles.mutationOptions({
      onSuccess: async (_roles, input) => {
        setRemoving(null);
        showFlash(`Role “${input.roles[0]}” removed.`);
        await refresh();
      },
    }),
  );

  const addFailure = describeError(add.error, { fields: ROLE_FIELDS, input: add.variables });
  useFocusFirstInvalid(formRef, [add.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const roles = splitRoles(newRoles);
    if (roles.length) add.mutate({ id: app.id, roles });
  }

  return (
    <Section title="Roles" description="Roles granted to this application, as the admin API lists them.">
      {app.roles.length ? (
        <ul aria-label="Roles" className="flex flex-wrap gap-1.5">
          {app.roles.map((role) => (
            <li key={role} className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pr-0.5 pl-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">
              {role}
              {canWrite ? (
                <button
                  type="button"
                  aria-label={`Remove role ${role}`}
                  title={`Remove role ${role}`}
                  onClick={() => {
                    remove.reset();
                    setRemoving(role);
                  }}
                  className="rounded px-1 text-slate-600 hover:bg-red-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  ×
                </button>
              ) : (
                <span className="pr-1.5" />
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No roles.</p>
      )}

      {canWrite ? (
        <form ref={formRef} onSubmit={submit} className="mt-3" aria-label="Add roles">
          <div className="flex items-start gap-2">
            <TextField
              label="New role"
              value={newRoles}
              onChange={(e) => setNewRoles(e.target.value)}
              placeholder="e.g. ROLE_PAYMENTS"
              autoComplete="off"
              className="w-64"
              hint="Several at once: separate them with commas or spaces."
              error={addFailure.fields.roles}
            />
            {/* mt-5 lines the button up with the input under its label, whatever the messages below. */}
            <Button type="submit" className="mt-5" pending={add.isPending} pendingText="Adding…" disabled={!newRoles.trim()}>
              Add role
            </Button>
          </div>
          <InlineError error={addFailure.message || null} />
        </form>
      ) : null}

      <ConfirmDialog
        open={removing !== null}
        action="Remove role"
        objectName={removing ?? ""}
        consequence={`The role is removed from application “${app.id}”. Backends that check for it will stop seeing it.`}
        confirmLabel="Remove role"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => removing && remove.mutate({ id: app.id, roles: [removing] })}
        onCancel={() => setRemoving(null)}
      />
    </Section>
  );
}
