"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { Flash, type Tone } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";

import { signInErrorMessage } from "./sign-in-messages";

export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice: { tone: Tone; text: string } | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState(notice);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full load, so the server renders the console with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setMessage({ tone: "error", text: signInErrorMessage(result?.error ?? "") });
    } catch {
      setMessage({ tone: "error", text: "The server could not be reached. Try again." });
    }
    setPending(false);
    setPassword("");
    passwordRef.current?.focus();
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      {message ? <Flash tone={message.tone}>{message.text}</Flash> : null}
      <TextField
        label="E-mail"
        type="email"
        autoComplete="username"
        required
        autoFocus
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        ref={passwordRef}
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button type="submit" variant="primary" className="w-full" pending={pending} pendingText="Signing in…">
        Sign in
      </Button>
      <p className="text-xs text-slate-500">
        After a few wrong passwords each further attempt takes longer, and after several in a row the account is locked for a while.
      </p>
    </form>
  );
}
