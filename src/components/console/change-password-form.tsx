"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";

import { signOutTo } from "./sign-out";

/** The server's rules (src/server/security/password.ts), checked here first for a quick answer. */
function newPasswordProblem(current: string, next: string, repeat: string): string | null {
  if (next.length < 12) return "The new password must be at least 12 characters long.";
  if (next.length > 200) return "The new password must be at most 200 characters long.";
  if (new Set(next).size < 5) return "The new password must use at least 5 different characters.";
  if (next === current) return "The new password must differ from the current one.";
  if (next !== repeat) return "The two new passwords do not match.";
  return null;
}

/**
 * Changing the password ends every session of the user on the server, this one included, so on
 * success we sign out and the login page asks for the new password.
 */
export function ChangePasswordForm({ submitLabel = "Change password" }: { submitLabel?: string }) {
  const trpc = useTRPC();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => void signOutTo("password-changed"),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = newPasswordProblem(current, next, repeat);
    setProblem(found);
    if (!found) change.mutate({ currentPassword: current, newPassword: next });
  }

  const done = change.isSuccess;
  return (
    <form onSubmit={submit} className="max-w-sm space-y-3" noValidate>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        value={next}
        onChange={(e) => setNext(e.target.value)}
        hint="At least 12 characters, at least 5 different ones, and not the current password."
      />
      <TextField
        label="Repeat password"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <InlineError error={problem ?? (change.error ? errorMessage(change.error) : null)} />
      {done ? <p className="text-sm text-emerald-800">Password changed. Signing you out…</p> : null}
      <Button type="submit" variant="primary" pending={change.isPending || done} pendingText="Changing…">
        {submitLabel}
      </Button>
    </form>
  );
}
