"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { splitFlags } from "@/components/registrations/new-registration-dialog";
import type { RegistrationDetail } from "@/components/registrations/registration-types";
import { useRefreshRegistration } from "@/components/registrations/use-refresh-registration";
import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { TextField } from "@/components/ui/text-field";

/** The registration's flags: operations may require one; bank backends see them. */
export function FlagsSection({ registration: r }: { registration: RegistrationDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshRegistration();
  const [text, setText] = useState("");
  const change = useMutation(
    trpc.registrations.changeFlags.mutationOptions({
      onSuccess: async (_result, variables) => {
        if (variables.change === "add") setText("");
        await refresh();
      },
    }),
  );
  const editable = r.canWrite && r.status !== "REMOVED";
  const error = describeError(change.error, { fields: { flags: { label: "Flags", item: "Flag" } }, input: change.variables });

  function add(event: FormEvent) {
    event.preventDefault();
    const flags = splitFlags(text);
    change.reset();
    if (flags.length) change.mutate({ registrationId: r.id, change: "add", flags });
  }

  return (
    <Section title="Flags" description="Free labels on the registration. An operation created with a flag can only be approved by a registration that carries it.">
      {r.flags.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Flags of this registration">
          {r.flags.map((flag) => (
            <li key={flag} className="inline-flex items-center gap-1">
              <Badge tone="violet" className="font-mono">
                {flag}
              </Badge>
              {editable ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove flag ${flag}`}
                  disabled={change.isPending}
                  onClick={() => {
                    change.reset();
                    change.mutate({ registrationId: r.id, change: "remove", flags: [flag] });
                  }}
                >
                  ×
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No flags.</p>
      )}
      {editable ? (
        <form onSubmit={add} className="mt-3 flex flex-wrap items-end gap-2" noValidate>
          <TextField
            label="Add flags"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            placeholder="e.g. PREMIUM, NO_OFFLINE"
            className="w-72"
            error={error.fields.flags}
          />
          <Button type="submit" pending={change.isPending && change.variables?.change === "add"} pendingText="Adding…">
            Add
          </Button>
        </form>
      ) : null}
      <InlineError error={error.fields.flags ? null : error.message || null} />
    </Section>
  );
}
