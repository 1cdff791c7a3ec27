"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import type { RegistrationDetail } from "@/components/registrations/registration-types";
import { useRefreshRegistration } from "@/components/registrations/use-refresh-registration";
import { describeError } from "@/components/trpc/describe-error";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";

type Pending = "block" | "unblock" | "remove" | null;

/** Block, unblock and remove, as the documented transition table allows them from this state. */
export function StatusActions({ registration: r }: { registration: RegistrationDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistration();
  const { showFlash } = useFlash();
  const [pending, setPending] = useState<Pending>(null);
  const done = (message: string) => async () => {
    setPending(null);
    showFlash(message);
    await refresh();
  };
  const unblock = useMutation(trpc.registrations.unblock.mutationOptions({ onSuccess: done("Registration unblocked: the phone can sign again.") }));
  const remove = useMutation(trpc.registrations.remove.mutationOptions({ onSuccess: done("Registration removed.") }));
  const short = `${r.id.slice(0, 8)}…`;
  const open = (which: Pending) => {
    unblock.reset();
    remove.reset();
    setPending(which);
  };

  return (
    <>
      {r.allowedChanges.includes("BLOCK") ? (
        <Button variant="danger" onClick={() => open("block")}>
          Block
        </Button>
      ) : null}
      {r.allowedChanges.includes("UNBLOCK") ? <Button onClick={() => open("unblock")}>Unblock</Button> : null}
      {r.allowedChanges.includes("REMOVE") ? (
        <Button variant="danger" onClick={() => open("remove")}>
          Remove
        </Button>
      ) : null}
      <Dialog
        open={pending === "block"}
        onClose={() => setPending(null)}
        title={
          <>
            Block registration <span className="font-mono break-all">“{short}”</span>?
          </>
        }
      >
        <BlockForm registration={r} onCancel={() => setPending(null)} onBlocked={done("Registration blocked: the phone's signatures are refused.")} />
      </Dialog>
      <ConfirmDialog
        open={pending === "unblock"}
        action="Unblock registration"
        objectName={short}
        consequence={
          <p>
            Customer <span className="font-mono">{r.userId}</span> can sign in and approve payments with this phone again, and its failed attempts start again from zero
            {r.blockedReason ? (
              <>
                {" "}
                (it was blocked as <span className="font-mono">{r.blockedReason}</span>)
              </>
            ) : null}
            . Unblock only when the reason for blocking no longer holds.
          </p>
        }
        confirmLabel="Unblock registration"
        tone="primary"
        pending={unblock.isPending}
        error={unblock.error ? errorMessage(unblock.error) : null}
        onConfirm={() => unblock.mutate({ registrationId: r.id })}
        onCancel={() => setPending(null)}
      />
      <ConfirmDialog
        open={pending === "remove"}
        action="Remove registration"
        objectName={short}
        consequence={
          <p>
            {r.status === "CREATED" || r.status === "PENDING_COMMIT"
              ? "The activation code stops working; a phone that has not finished activating cannot finish it."
              : `Customer ${r.userId} can no longer sign in or approve anything with this phone.`}{" "}
            This cannot be undone: to use a phone again the customer needs a new registration and a new activation.
          </p>
        }
        confirmLabel="Remove registration"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ registrationId: r.id })}
        onCancel={() => setPending(null)}
      />
    </>
  );
}

function BlockForm({ registration: r, onCancel, onBlocked }: { registration: RegistrationDetail; onCancel: () => void; onBlocked: () => Promise<void> }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const block = useMutation(trpc.registrations.block.mutationOptions({ onSuccess: onBlocked }));
  const error = describeError(block.error, { fields: { blockReason: { label: "The reason" } } });
  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    setProblem(trimmed ? null : "Enter why the registration is blocked (for example LOST_DEVICE or FRAUD_SUSPECTED).");
    block.reset();
    if (trimmed) block.mutate({ registrationId: r.id, blockReason: trimmed });
  }
  return (
    <form onSubmit={submit} noValidate>
      <p className="text-sm text-slate-700">
        Every signature from this phone is refused until the registration is unblocked: customer <span className="font-mono">{r.userId}</span> cannot sign in or approve
        payments with it. The phone keeps its keys, so unblocking restores it without a new activation.
      </p>
      <TextField
        className="mt-3"
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoComplete="off"
        maxLength={255}
        required
        hint="Recorded in the history and the audit log, and returned to bank backends (e.g. LOST_DEVICE, FRAUD_SUSPECTED)."
        error={problem ?? error.fields.blockReason}
      />
      <InlineError error={problem ? null : error.message || null} />
      <DialogActions>
        <Button onClick={onCancel} disabled={block.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" pending={block.isPending} pendingText="Blocking…">
          Block registration
        </Button>
      </DialogActions>
    </form>
  );
}
