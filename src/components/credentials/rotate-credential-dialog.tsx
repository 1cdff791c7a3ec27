"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { ROTATION_GRACE_CHOICES } from "@/schemas/credentials";

import type { CredentialRow, RotatedCredential } from "./credential-types";

const GRACE_OPTIONS = ROTATION_GRACE_CHOICES.map((choice) => ({ value: String(choice.seconds), label: choice.label }));

/**
 * Replaces a credential's password. The consequence depends on the grace period, so the dialog
 * spells it out for the choice made: with none, every backend still using the old password is
 * refused from its next call.
 */
export function RotateCredentialDialog({
  credential,
  asOf,
  onClose,
  onRotated,
}: {
  credential: CredentialRow | null;
  /** When the row was fetched: whether an earlier grace period still runs is judged then. */
  asOf: number;
  onClose: () => void;
  onRotated: (rotated: RotatedCredential) => void;
}) {
  return (
    <Dialog
      open={credential !== null}
      onClose={onClose}
      title={
        <>
          Rotate the password of <span className="font-mono break-all">“{credential?.username}”</span>?
        </>
      }
      description="A new password is made and shown once. The user name stays the same, so the backend only changes its password."
    >
      {credential ? <RotateForm credential={credential} asOf={asOf} onCancel={onClose} onRotated={onRotated} /> : null}
    </Dialog>
  );
}

function RotateForm({
  credential,
  asOf,
  onCancel,
  onRotated,
}: {
  credential: CredentialRow;
  asOf: number;
  onCancel: () => void;
  onRotated: (rotated: RotatedCredential) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // An hour by default: long enough to deploy the new password, short enough not to forget the old.
  const [grace, setGrace] = useState("3600");
  const rotate = useMutation(
    trpc.credentials.rotate.mutationOptions({
      onSuccess: async (rotated) => {
        onRotated(rotated);
        await queryClient.invalidateQueries(trpc.credentials.list.pathFilter());
      },
    }),
  );
  const failure = describeError(rotate.error, { fields: { graceSeconds: { label: "The grace period" } } });
  const seconds = Number(grace);
  const choice = ROTATION_GRACE_CHOICES.find((option) => option.seconds === seconds);
  const earlierGraceRuns = credential.previousSecretExpiresAt !== null && credential.previousSecretExpiresAt.getTime() > asOf;

  function submit(event: FormEvent) {
    event.preventDefault();
    rotate.mutate({ id: credential.id, graceSeconds: seconds });
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <SelectField
        label="Old password keeps working for"
        value={grace}
        onChange={(e) => setGrace(e.target.value)}
        options={GRACE_OPTIONS}
        error={failure.fields.graceSeconds}
        hint={
          seconds === 0
            ? "Every backend still sending the old password is refused from its next call."
            : `Backends may use either password for ${choice?.label ?? "the chosen time"}; after that only the new one works.`
        }
      />
      {earlierGraceRuns ? (
        <p className="text-sm text-amber-900">
          An earlier rotation is still in its grace period: the password before the current one stops working now.
        </p>
      ) : null}
      <InlineError error={failure.message || null} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={rotate.isPending} pendingText="Rotating…">
          Rotate password
        </Button>
      </DialogActions>
    </form>
  );
}
