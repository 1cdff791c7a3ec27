"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import type { RegistrationDetail, VirtualDevice } from "@/components/registrations/registration-types";
import { useRefreshRegistration } from "@/components/registrations/use-refresh-registration";
import { describeError } from "@/components/trpc/describe-error";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineError, Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { Timestamp } from "@/components/ui/timestamp";
import { VIRTUAL_DEVICE_SIGNATURE_TYPES } from "@/schemas/registrations";

import { groupFingerprint } from "./activation-section";

type SignatureType = (typeof VIRTUAL_DEVICE_SIGNATURE_TYPES)[number];

const FACTOR_TEXT: Record<SignatureType, string> = {
  possession: "Possession (the phone only)",
  possession_knowledge: "Possession and PIN",
  possession_biometry: "Possession and biometry",
  possession_knowledge_biometry: "Possession, PIN and biometry",
};

/**
 * A phone simulated by the server for staff (issue 9 §4): it activates this registration through
 * the real mobile API, shows its fingerprint as a phone would, signs test requests that are
 * verified as a bank backend verifies them, and checks its status. Operators and administrators.
 */
export function VirtualDeviceSection({ registration: r }: { registration: RegistrationDetail }) {
  const trpc = useTRPC();
  const device = useQuery(trpc.registrations.virtualDevice.queryOptions({ registrationId: r.id }));
  const description = "A simulated phone run by this server, for trying the whole flow without a real one. It talks to the same mobile API the bank's app uses.";
  if (device.isLoading) {
    return (
      <Section title="Virtual device" description={description}>
        <p role="status" className="text-sm text-slate-600">
          Loading…
        </p>
      </Section>
    );
  }
  if (device.error) {
    return (
      <Section title="Virtual device" description={description}>
        <InlineError error={errorMessage(device.error)} />
      </Section>
    );
  }
  return (
    <Section title="Virtual device" description={description}>
      {device.data ? <DevicePanel registration={r} device={device.data} /> : <NoDevice registration={r} />}
    </Section>
  );
}

function NoDevice({ registration: r }: { registration: RegistrationDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistration();
  const [otp, setOtp] = useState("");
  const activate = useMutation(trpc.registrations.activateVirtualDevice.mutationOptions({ onSuccess: () => refresh() }));
  const error = describeError(activate.error, { fields: { otp: { label: "The OTP" } } });
  if (r.status !== "CREATED" || r.expired) {
    return <p className="text-sm text-slate-600">No virtual device. One can only activate a registration that is CREATED and not expired.</p>;
  }
  if (!r.canWrite) return <p className="text-sm text-slate-600">No virtual device. Operators and administrators can activate one here.</p>;
  const needsOtp = r.otpValidation === "ON_KEY_EXCHANGE";
  function submit(event: FormEvent) {
    event.preventDefault();
    activate.mutate({ registrationId: r.id, ...(needsOtp && otp.trim() ? { otp: otp.trim() } : {}) });
  }
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-700">
        Activating uses this registration&apos;s code: the registration then waits for the commit like any phone&apos;s, and no real phone can use the code any more.
      </p>
      {needsOtp ? (
        <TextField
          label="Activation OTP"
          value={otp}
          onChange={(e) => setOtp(e.target.value)}
          autoComplete="off"
          className="w-64"
          hint="The OTP the customer would type in the app."
          error={error.fields.otp}
        />
      ) : null}
      <Button type="submit" variant="primary" pending={activate.isPending} pendingText="Activating…">
        Activate a virtual device
      </Button>
      <InlineError error={error.message || null} />
    </form>
  );
}

function DevicePanel({ registration: r, device }: { registration: RegistrationDetail; device: VirtualDevice }) {
  return (
    <div className="grid items-start gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <div className="rounded-2xl border-4 border-slate-800 bg-slate-50 px-4 py-5 text-center" data-testid="virtual-device-screen">
        <p className="text-xs font-medium text-slate-600">Bank app · {device.removed ? "removed" : "activated"}</p>
        <p className="mt-3 text-xs text-slate-600">Fingerprint</p>
        <p className="font-mono text-2xl tracking-widest text-slate-900 tabular-nums" data-testid="virtual-device-fingerprint">
          {device.fingerprint ? groupFingerprint(device.fingerprint) : "—"}
        </p>
        <p className="mt-3 text-xs break-all text-slate-600">
          Activation <span className="font-mono">{device.activationId ?? "—"}</span>
        </p>
        <p className="mt-1 text-xs text-slate-600">
          Protocol {device.protocolVersion ?? "—"} · next counter {device.counter ?? "—"}
        </p>
      </div>
      <div className="min-w-0 space-y-3 text-sm">
        <p className="text-xs text-slate-600">
          Activated by {device.createdBy} <Timestamp value={device.createdAt} format="compact" />; last used <Timestamp value={device.updatedAt} format="compact" />.
        </p>
        {r.status === "PENDING_COMMIT" ? <Notice>The phone shows the same fingerprint as the Activation section: commit the registration to make it active.</Notice> : null}
        {r.canWrite && !device.removed ? <DeviceActions registration={r} /> : null}
      </div>
    </div>
  );
}

function DeviceActions({ registration: r }: { registration: RegistrationDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistration();
  const [signatureType, setSignatureType] = useState<SignatureType>("possession_knowledge");
  const [wrongPin, setWrongPin] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const sign = useMutation(trpc.registrations.signWithVirtualDevice.mutationOptions({ onSettled: () => refresh() }));
  const status = useMutation(trpc.registrations.virtualDeviceStatus.mutationOptions({ onSettled: () => refresh() }));
  const discard = useMutation(
    trpc.registrations.discardVirtualDevice.mutationOptions({
      onSuccess: async () => {
        setDiscarding(false);
        await refresh();
      },
    }),
  );
  const usesPin = signatureType.includes("knowledge");
  function submit(event: FormEvent) {
    event.preventDefault();
    sign.mutate({ registrationId: r.id, signatureType, wrongPin: usesPin && wrongPin });
  }
  return (
    <>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <SelectField
          label="Factors"
          value={signatureType}
          onChange={(e) => setSignatureType(e.target.value as SignatureType)}
          options={VIRTUAL_DEVICE_SIGNATURE_TYPES.map((type) => ({ value: type, label: FACTOR_TEXT[type] }))}
          className="w-60"
        />
        <CheckboxField className="mb-1.5" label="Wrong PIN" checked={usesPin && wrongPin} disabled={!usesPin} onChange={setWrongPin} />
        <Button type="submit" variant="primary" pending={sign.isPending} pendingText="Signing…">
          Sign a test request
        </Button>
        <Button onClick={() => status.mutate({ registrationId: r.id })} pending={status.isPending} pendingText="Checking…">
          Check status
        </Button>
        <Button variant="ghost" onClick={() => setDiscarding(true)}>
          Discard virtual device
        </Button>
      </form>
      <div aria-live="polite" className="space-y-2">
        {sign.data ? (
          <Notice tone={sign.data.signatureValid ? "success" : "error"} data-testid="virtual-device-signature">
            {sign.data.signatureValid ? "Signature valid" : "Signature refused"} ({sign.data.note}); registration {sign.data.registrationStatus ?? "unknown"},{" "}
            {sign.data.remainingAttempts} attempts remaining.
          </Notice>
        ) : null}
        {sign.error ? <InlineError error={errorMessage(sign.error)} /> : null}
        {status.data ? (
          <Notice data-testid="virtual-device-status">
            The phone reads status {status.data.state}: {status.data.failedAttempts} failed of {status.data.maxFailedAttempts}, {status.data.remainingAttempts} remaining
            {status.data.counterSynchronised ? "; its counter was synchronised with the server" : ""}.
          </Notice>
        ) : null}
        {status.error ? <InlineError error={errorMessage(status.error)} /> : null}
      </div>
      <DeviceOperations registration={r} signatureType={signatureType} />
      <ConfirmDialog
        open={discarding}
        action="Discard virtual device of"
        objectName={`${r.id.slice(0, 8)}…`}
        consequence="The simulated phone's keys are deleted, so nobody can sign with it again. The registration itself stays as it is: block or remove it to end it."
        confirmLabel="Discard virtual device"
        pending={discard.isPending}
        error={discard.error ? errorMessage(discard.error) : null}
        onConfirm={() => discard.mutate({ registrationId: r.id })}
        onCancel={() => setDiscarding(false)}
      />
    </>
  );
}

/**
 * What the phone's operations screen shows: pending operations (fetched with a signed request,
 * as the app does), each approved with the factors chosen above or rejected.
 */
function DeviceOperations({ registration: r, signatureType }: { registration: RegistrationDetail; signatureType: SignatureType }) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistration();
  const list = useMutation(trpc.registrations.virtualDeviceOperations.mutationOptions({ onSettled: () => refresh() }));
  const decide = useMutation(
    trpc.registrations.decideVirtualDeviceOperation.mutationOptions({
      onSettled: async () => {
        await refresh();
        list.mutate({ registrationId: r.id });
      },
    }),
  );
  const operations = list.data;
  return (
    <div className="space-y-2 border-t border-slate-200 pt-3">
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="text-sm font-semibold text-slate-900">Operations on the phone</h3>
        <Button size="sm" onClick={() => list.mutate({ registrationId: r.id })} pending={list.isPending} pendingText="Checking…">
          Check for operations
        </Button>
      </div>
      {list.error ? <InlineError error={errorMessage(list.error)} /> : null}
      {operations ? (
        operations.length ? (
          <ul className="space-y-2" aria-label="Pending operations">
            {operations.map((operation) => (
              <li key={operation.id} className="rounded-md border border-slate-200 px-3 py-2" data-testid="virtual-device-operation">
                <p className="font-medium text-slate-900">{operation.title}</p>
                <p className="text-slate-700">{operation.message}</p>
                <p className="text-xs text-slate-600">
                  {operation.name} · allows {operation.allowedSignatureTypes.join(", ")} · expires <Timestamp value={operation.expiresAt} format="compact" />
                </p>
                <div className="mt-2 flex gap-2">
                  <Button
                    size="sm"
                    variant="primary"
                    aria-label={`Approve ${operation.title}`}
                    pending={decide.isPending && decide.variables?.operationId === operation.id && decide.variables.decision === "approve"}
                    pendingText="Approving…"
                    disabled={decide.isPending}
                    onClick={() => decide.mutate({ registrationId: r.id, operationId: operation.id, decision: "approve", signatureType })}
                  >
                    Approve
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    aria-label={`Reject ${operation.title}`}
                    disabled={decide.isPending}
                    onClick={() => decide.mutate({ registrationId: r.id, operationId: operation.id, decision: "reject" })}
                  >
                    Reject
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No operations are waiting for this customer.</p>
        )
      ) : null}
      <div aria-live="polite">
        {decide.data ? (
          <Notice tone="success" data-testid="virtual-device-decision">
            {decide.data.decision === "approve" ? "Approved" : "Rejected"} on the phone: operation {decide.data.operationId}.
          </Notice>
        ) : null}
        {decide.error ? <InlineError error={errorMessage(decide.error)} /> : null}
      </div>
    </div>
  );
}
