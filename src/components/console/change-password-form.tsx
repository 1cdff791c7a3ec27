"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { describeError } from "@/components/trpc/describe-error";
import { passwordProblem } from "@/schemas/password-policy";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

import { signOutTo } from "./sign-out";

type PasswordField = "currentPassword" | "newPassword" | "repeat";

const FIELDS = { currentPassword: { label: "The current password" }, newPassword: { label: "The new password" } };

/** The server's rules (src/schemas/password-policy.ts), checked here first for a quick answer on the right field. */
function passwordProblems(current: string, next: string, repeat: string): Partial<Record<PasswordField, string>> {
  const found: Partial<Record<PasswordField, string>> = {};
  if (!current) found.currentPassword = "Enter your current password.";
  const problem = passwordProblem(next);
  if (problem) found.newPassword = `The new password ${problem}.`;
  else if (next === current) found.newPassword = "The new password must differ from the current one.";
  else if (next !== repeat) found.repeat = "The two new passwords do not match.";
  return found;
}

/**
 * Changing the password ends every session of the user on the server, this one included, so on
 * success we sign out and the login page asks for the new password.
 */
export function ChangePasswordForm({ submitLabel = "Change password" }: { submitLabel?: string }) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problems, setProblems] = useState<Partial<Record<PasswordField, string>>>({});
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => void signOutTo("password-changed"),
    }),
  );
  const server = describeError(change.error, { fields: FIELDS });
  const errors: Partial<Record<PasswordField, string>> = { ...server.fields, ...problems };
  const count = Object.keys(problems).length;
  useFocusFirstInvalid(formRef, [problems, change.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = passwordProblems(current, next, repeat);
    setProblems(found);
    change.reset();
    if (!Object.keys(found).length) change.mutate({ currentPassword: current, newPassword: next });
  }

  const done = change.isSuccess;
  return (
    <form ref={formRef} onSubmit={submit} className="max-w-sm space-y-3" noValidate>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={errors.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={errors.newPassword}
        hint="At least 12 characters, at least 5 different ones, and not the current password."
      />
      <TextField
        label="Repeat password"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        error={errors.repeat}
      />
      <InlineError error={count ? (count === 1 ? "Check the marked field." : `Check the ${count} marked fields.`) : server.message || null} />
      {done ? (
        <p role="status" className="text-sm text-emerald-800">
          Password changed. Signing you out…
        </p>
      ) : null}
      <Button type="submit" variant="primary" pending={change.isPending || done} pendingText="Changing…">
        {submitLabel}
      </Button>
    </form>
  );
}
