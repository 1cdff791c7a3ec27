"use client";

import { type FormEvent, useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

import { type AuditFilterForm, EMPTY_FILTER } from "./audit-filter";

/** Target types written today; the field stays free text so new areas need no change here. */
const KNOWN_TARGET_TYPES = ["application", "credential", "staff"];

/** A draft of the filter, applied on submit (a query per keystroke would be noise on a big log). */
export function AuditFilters({ initial, onApply }: { initial: AuditFilterForm; onApply: (filter: AuditFilterForm) => void }) {
  const [draft, setDraft] = useState(initial);
  const targetTypesId = useId();
  const set = (name: keyof AuditFilterForm) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  const isFiltered = Object.values(initial).some(Boolean);
  return (
    <form onSubmit={submit} aria-label="Audit filters" className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        <TextField label="Action starts with" placeholder="e.g. staff." value={draft.action} onChange={set("action")} />
        <TextField label="Actor" placeholder="e-mail, credential, cli:…" value={draft.actor} onChange={set("actor")} />
        <TextField label="Target type" list={targetTypesId} value={draft.targetType} onChange={set("targetType")} />
        <TextField label="Target ID" value={draft.targetId} onChange={set("targetId")} />
        <TextField label="Application" placeholder="Application ID" value={draft.applicationId} onChange={set("applicationId")} />
        <TextField label="From" type="date" value={draft.from} onChange={set("from")} />
        <TextField label="To" type="date" value={draft.to} onChange={set("to")} />
      </div>
      <datalist id={targetTypesId}>
        {KNOWN_TARGET_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <div className="mt-3 flex justify-end gap-2">
        {isFiltered ? (
          <Button size="sm" onClick={() => onApply(EMPTY_FILTER)}>
            Clear filters
          </Button>
        ) : null}
        <Button size="sm" type="submit" variant="primary">
          Apply filters
        </Button>
      </div>
    </form>
  );
}
