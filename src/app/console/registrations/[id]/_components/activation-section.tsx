"use client";

import { useMutation } from "@tanstack/react-query";
import { QRCodeSVG } from "qrcode.react";
import { type FormEvent, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import type { RegistrationDetail } from "@/components/registrations/registration-types";
import { useRefreshRegistration } from "@/components/registrations/use-refresh-registration";
import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError, Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { TextField } from "@/components/ui/text-field";
import { Timestamp } from "@/components/ui/timestamp";

/** The fingerprint as phones show it: 8 digits in two groups (protocol §7.3). */
export const groupFingerprint = (fingerprint: string) => fingerprint.replace(/^(\d{4})(\d{4})$/, "$1 $2");

/**
 * Where the activation stands: the QR code and the code to type while CREATED, the device's
 * fingerprint and the commit while PENDING_COMMIT, a line afterwards.
 */
export function ActivationSection({ registration: r }: { registration: RegistrationDetail }) {
  return (
    <Section title="Activation" description={describe(r)}>
      {r.status === "CREATED" ? <Created registration={r} /> : null}
      {r.status === "PENDING_COMMIT" ? <PendingCommit registration={r} /> : null}
      {(r.status === "ACTIVE" || r.status === "BLOCKED" || r.status === "REMOVED") && r.fingerprint ? (
        <p className="text-sm text-slate-700">
          Fingerprint at activation: <span className="font-mono tabular-nums">{groupFingerprint(r.fingerprint)}</span>
          {r.protocolVersion ? <span className="text-slate-600"> · protocol {r.protocolVersion}</span> : null}
        </p>
      ) : null}
    </Section>
  );
}

function describe(r: RegistrationDetail): string {
  switch (r.status) {
    case "CREATED":
      return "The customer scans this QR code in the bank's app, or types the code by hand.";
    case "PENDING_COMMIT":
      return "A phone has activated. Compare its fingerprint with the one on the customer's screen, then commit.";
    case "ACTIVE":
      return "Committed: the phone signs in and approves operations for the customer.";
    case "BLOCKED":
      return "Blocked: the phone keeps its keys but every signature it makes is refused until the registration is unblocked.";
    case "REMOVED":
      return "Removed: the phone's keys are worthless now. A new phone needs a new registration.";
  }
}

function Created({ registration: r }: { registration: RegistrationDetail }) {
  if (r.expired) {
    return (
      <Notice tone="warning">
        The activation code expired <Timestamp value={r.expiresAt} />. Remove this registration and create a new one for the customer.
      </Notice>
    );
  }
  if (r.activationWithheld || !r.activation) {
    return <Notice>The activation code is shown to operators and administrators only: whoever holds it can bind a phone to this customer.</Notice>;
  }
  return (
    <div className="flex flex-wrap items-start gap-5">
      <div className="rounded-md border border-slate-200 bg-white p-2">
        <QRCodeSVG value={r.activation.qrCodeData} size={168} level="M" role="img" aria-label="Activation QR code" data-testid="activation-qr" />
      </div>
      <div className="min-w-0 space-y-2 text-sm">
        <div>
          <p className="text-xs font-medium text-slate-600">Activation code</p>
          <p className="flex items-center gap-2">
            <code className="font-mono text-base tracking-wide text-slate-900" data-testid="activation-code">
              {r.activation.code}
            </code>
            <CopyButton value={r.activation.code} label="activation code" />
          </p>
        </div>
        <p className="text-xs text-slate-600">
          Valid until <Timestamp value={r.expiresAt} />.
        </p>
        {r.otpValidation !== "NONE" ? (
          <p className="text-xs text-slate-600">
            {r.otpValidation === "ON_KEY_EXCHANGE" ? "The app also asks for the activation OTP." : "The bank gives the activation OTP when committing."}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function PendingCommit({ registration: r }: { registration: RegistrationDetail }) {
  const [committing, setCommitting] = useState(false);
  return (
    <div className="space-y-3">
      <div>
        <p className="text-xs font-medium text-slate-600">Device fingerprint</p>
        <p className="font-mono text-2xl tracking-widest text-slate-900 tabular-nums" data-testid="activation-fingerprint">
          {r.fingerprint ? groupFingerprint(r.fingerprint) : "—"}
        </p>
        <p className="text-xs text-slate-600">
          {r.name ?? "The phone"} activated; {r.expired ? "the time to commit has run out" : <>commit before <Timestamp value={r.expiresAt} /></>}.
        </p>
      </div>
      {r.canWrite && !r.expired ? (
        <Button variant="primary" onClick={() => setCommitting(true)}>
          Commit registration
        </Button>
      ) : null}
      <CommitDialog registration={r} open={committing} onClose={() => setCommitting(false)} />
    </div>
  );
}

function CommitDialog({ registration: r, open, onClose }: { registration: RegistrationDetail; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={
        <>
          Commit registration <span className="font-mono break-all">“{r.id.slice(0, 8)}…”</span>?
        </>
      }
    >
      <CommitForm registration={r} onClose={onClose} />
    </Dialog>
  );
}

function CommitForm({ registration: r, onClose }: { registration: RegistrationDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistration();
  const { showFlash } = useFlash();
  const [otp, setOtp] = useState("");
  const needsOtp = r.otpValidation === "ON_COMMIT";
  const commit = useMutation(
    trpc.registrations.commit.mutationOptions({
      onSuccess: async () => {
        onClose();
        showFlash("Registration committed: the phone is active.");
        await refresh();
      },
      onError: async () => {
        // A wrong OTP counts (and may remove the registration): show what it did.
        await refresh();
      },
    }),
  );
  const error = describeError(commit.error, { fields: { otp: { label: "The OTP" } } });
  function submit(event: FormEvent) {
    event.preventDefault();
    commit.mutate({ registrationId: r.id, ...(needsOtp ? { otp: otp.trim() } : {}) });
  }
  return (
    <form onSubmit={submit} noValidate>
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          The phone becomes <strong>ACTIVE</strong>: it can sign in and approve payments as customer <span className="font-mono">{r.userId}</span>.
        </p>
        <p>
          Commit only if the customer&apos;s phone shows the fingerprint <strong className="font-mono">{r.fingerprint ? groupFingerprint(r.fingerprint) : "—"}</strong>. A
          different number means another phone activated with this code: remove the registration instead.
        </p>
      </div>
      {needsOtp ? (
        <TextField
          className="mt-3"
          label="Activation OTP"
          value={otp}
          onChange={(e) => setOtp(e.target.value)}
          autoComplete="off"
          hint="This registration checks its OTP at commit. A wrong one counts as a failed attempt."
          error={error.fields.otp}
        />
      ) : null}
      <InlineError error={error.message || null} />
      <DialogActions>
        <Button onClick={onClose} disabled={commit.isPending} data-autofocus>
          Cancel
        </Button>
        <Button type="submit" variant="primary" pending={commit.isPending} pendingText="Committing…">
          Commit registration
        </Button>
      </DialogActions>
    </form>
  );
}
