"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

import type { CreatedRegistration } from "./registration-types";

const FIELDS = {
  applicationId: { label: "The application" },
  userId: { label: "The user ID" },
  otpValidation: { label: "The OTP check" },
  otp: { label: "The OTP" },
  flags: { label: "Flags", item: "Flag" },
};

type OtpValidation = "NONE" | "ON_KEY_EXCHANGE" | "ON_COMMIT";

const OTP_OPTIONS = [
  { value: "NONE", label: "No OTP" },
  { value: "ON_KEY_EXCHANGE", label: "Checked when the phone activates" },
  { value: "ON_COMMIT", label: "Checked when the bank commits" },
];

/** Flags typed as a list: commas, spaces or new lines between them. */
export const splitFlags = (text: string) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

/**
 * Creates a registration for a user (as a bank backend's `POST /v2/registrations` does): the
 * activation QR code and code appear on the registration's page, for the customer to scan or type.
 */
export function NewRegistrationDialog({
  open,
  onClose,
  userId,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  /** Prefilled on a user's support page. */
  userId?: string;
  onCreated: (registration: CreatedRegistration) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New registration"
      description="Prepares the activation of a customer's phone: the customer scans the QR code (or types the code) in the bank's app, then the bank commits the registration."
    >
      <NewRegistrationForm userId={userId} onCancel={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewRegistrationForm({ userId: givenUser, onCancel, onCreated }: { userId?: string; onCancel: () => void; onCreated: (registration: CreatedRegistration) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [applicationId, setApplicationId] = useState("");
  const [userId, setUserId] = useState(givenUser ?? "");
  const [otpValidation, setOtpValidation] = useState<OtpValidation>("NONE");
  const [otp, setOtp] = useState("");
  const [flags, setFlags] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  // 200 is the router's page limit; past that the field becomes free text.
  const applications = useQuery(trpc.applications.list.queryOptions({ page: 1, pageSize: 200 }));
  const create = useMutation(
    trpc.registrations.create.mutationOptions({
      onSuccess: async (registration) => {
        onCreated(registration);
        await Promise.all([queryClient.invalidateQueries(trpc.registrations.list.pathFilter()), queryClient.invalidateQueries(trpc.support.timeline.pathFilter())]);
      },
    }),
  );
  const server = describeError(create.error, {
    fields: FIELDS,
    input: create.variables,
    codeFields: { ERROR_REGISTRATION_NOT_ALLOWED: "userId", ERROR_REGISTRATION_NOT_FOUND: "applicationId" },
  });
  const errors = { ...server.fields, ...problems };
  const formMessage = Object.keys(problems).length ? "Check the marked fields." : server.message;
  useFocusFirstInvalid(formRef, [problems, create.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const user = userId.trim();
    if (!applicationId.trim()) found.applicationId = "Choose the application.";
    if (!user) found.userId = "Enter the customer's user ID.";
    if (otpValidation !== "NONE" && !otp.trim()) found.otp = "Enter the OTP the customer will be given (4 to 64 letters or digits).";
    setProblems(found);
    create.reset();
    if (Object.keys(found).length) return;
    create.mutate({
      applicationId: applicationId.trim(),
      userId: user,
      otpValidation,
      ...(otpValidation === "NONE" ? {} : { otp: otp.trim() }),
      flags: splitFlags(flags),
    });
  }

  const items = applications.data?.items ?? [];
  const tooMany = (applications.data?.total ?? 0) > items.length;
  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate>
      {applications.isLoading ? (
        <p role="status" className="text-sm text-slate-600">
          Loading applications…
        </p>
      ) : tooMany || applications.error ? (
        <TextField
          label="Application"
          value={applicationId}
          onChange={(e) => setApplicationId(e.target.value)}
          error={errors.applicationId}
          hint={applications.error ? "The list of applications could not be loaded; type the application ID." : "Type the application ID (there are too many to list)."}
        />
      ) : (
        <SelectField
          label="Application"
          value={applicationId}
          onChange={(e) => setApplicationId(e.target.value)}
          options={[{ value: "", label: "Choose…" }, ...items.map((app) => ({ value: app.id, label: app.id }))]}
          error={errors.applicationId}
        />
      )}
      <TextField
        label="User ID"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        autoComplete="off"
        maxLength={255}
        hint="The customer's ID in the bank's systems, exactly as the bank's backends use it."
        error={errors.userId}
      />
      <SelectField
        label="OTP check"
        value={otpValidation}
        onChange={(e) => setOtpValidation(e.target.value as OtpValidation)}
        options={OTP_OPTIONS}
        error={errors.otpValidation}
        hint="An activation OTP proves that the person activating is the customer (sent by SMS or letter, for example)."
      />
      {otpValidation !== "NONE" ? (
        <TextField
          label="OTP"
          value={otp}
          onChange={(e) => setOtp(e.target.value)}
          autoComplete="off"
          maxLength={64}
          hint={otpValidation === "ON_KEY_EXCHANGE" ? "The customer types it in the app when activating." : "The bank gives it when committing the registration."}
          error={errors.otp}
        />
      ) : null}
      <TextField
        label="Flags (optional)"
        value={flags}
        onChange={(e) => setFlags(e.target.value)}
        autoComplete="off"
        hint="Separated by commas or spaces. Operations can require a flag on the registration that approves them."
        error={errors.flags}
      />
      <InlineError error={formMessage || null} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending} pendingText="Creating…">
          Create registration
        </Button>
      </DialogActions>
    </form>
  );
}
