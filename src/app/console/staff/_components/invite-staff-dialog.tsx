"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { ROLE_LABELS, type StaffRole } from "@/components/console/role-badge";
import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

import type { IssuedPassword } from "./staff-types";

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as StaffRole[]).map((role) => ({ value: role, label: ROLE_LABELS[role] }));

const FIELDS = { email: { label: "The e-mail" }, name: { label: "The name" }, role: { label: "The role" } };

const ROLE_HINTS: Record<StaffRole, string> = {
  ADMINISTRATOR: "Reads everything and configures applications, credentials and staff.",
  OPERATOR: "Reads everything and will run day-to-day work (registrations, operations, push) once those areas exist.",
  VIEWER: "Reads everything, changes nothing.",
};

export function InviteStaffDialog({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: (issued: IssuedPassword) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Invite staff member"
      description="No e-mail is sent: you get a one-time password to pass on."
    >
      <InviteForm onCancel={onClose} onInvited={onInvited} />
    </Dialog>
  );
}

function InviteForm({ onCancel, onInvited }: { onCancel: () => void; onInvited: (issued: IssuedPassword) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<StaffRole>("VIEWER");
  const formRef = useRef<HTMLFormElement>(null);
  const invite = useMutation(
    trpc.staff.invite.mutationOptions({
      onSuccess: async ({ user, temporaryPassword }) => {
        onInvited({ kind: "invite", name: user.name, email: user.email, password: temporaryPassword });
        await queryClient.invalidateQueries(trpc.staff.list.pathFilter());
      },
    }),
  );

  // A taken e-mail is the conflict an invite can meet.
  const server = describeError(invite.error, { fields: FIELDS, codeFields: { ERROR_CONFLICT: "email" } });
  useFocusFirstInvalid(formRef, [invite.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate({ email: email.trim(), name: name.trim(), role });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate>
      <TextField
        label="E-mail"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
        autoComplete="off"
        error={server.fields.email}
      />
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" error={server.fields.name} />
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as StaffRole)}
        options={ROLE_OPTIONS}
        hint={ROLE_HINTS[role]}
        error={server.fields.role}
      />
      <InlineError error={server.message || null} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={invite.isPending} pendingText="Inviting…" disabled={!email.trim() || !name.trim()}>
          Invite
        </Button>
      </DialogActions>
    </form>
  );
}
