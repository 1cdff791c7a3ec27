"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";

import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Field, inputClasses } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";

import { type AuditFilterValues, isFiltered, isoToLocalInput, localInputToIso } from "./audit-filter";

interface Draft {
  action: string;
  actor: string;
  targetType: string;
  targetId: string;
  applicationId: string;
  from: string;
  to: string;
}

function toDraft(filter: AuditFilterValues): Draft {
  return {
    action: filter.action ?? "",
    actor: filter.actor ?? "",
    targetType: filter.targetType ?? "",
    targetId: filter.targetId ?? "",
    applicationId: filter.applicationId ?? "",
    from: isoToLocalInput(filter.from),
    to: isoToLocalInput(filter.to),
  };
}

function fromDraft(draft: Draft): AuditFilterValues {
  const text = (value: string) => value.trim() || undefined;
  return {
    action: text(draft.action),
    actor: text(draft.actor),
    targetType: text(draft.targetType),
    targetId: text(draft.targetId),
    applicationId: text(draft.applicationId),
    from: localInputToIso(draft.from, false),
    to: localInputToIso(draft.to, true),
  };
}

/** Actions grouped by area (the part before the first dot), each area also selectable as a whole. */
function groupActions(actions: readonly string[]): [string, string[]][] {
  const areas = new Map<string, string[]>();
  for (const action of actions) {
    const area = action.split(".")[0]!;
    areas.set(area, [...(areas.get(area) ?? []), action]);
  }
  return [...areas.entries()];
}

function ActionSelect({ value, onChange, actions }: { value: string; onChange: (value: string) => void; actions: readonly string[] }) {
  const id = useId();
  // A value from a shared link that this log does not hold (yet) stays selectable.
  const known = new Set(actions.flatMap((action) => [action, `${action.split(".")[0]}.*`]));
  return (
    <Field id={id} label="Action">
      <select id={id} className={cx(inputClasses, "h-8 pr-8")} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any action</option>
        {value && !known.has(value) ? <option value={value}>{value}</option> : null}
        {groupActions(actions).map(([area, members]) => (
          <optgroup key={area} label={area}>
            <option value={`${area}.*`}>All {area} actions</option>
            {members.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

function TargetTypeSelect({ value, onChange, types }: { value: string; onChange: (value: string) => void; types: readonly string[] }) {
  const id = useId();
  return (
    <Field id={id} label="Target type">
      <select id={id} className={cx(inputClasses, "h-8 pr-8")} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any target type</option>
        {value && !types.includes(value) ? <option value={value}>{value}</option> : null}
        {types.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A draft of the filter, applied on submit (a query per keystroke would be noise on a big log). */
export function AuditFilters({ filter, onApply }: { filter: AuditFilterValues; onApply: (filter: AuditFilterValues) => void }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.audit.filterOptions.queryOptions());
  const [draft, setDraft] = useState(() => toDraft(filter));
  const set = (name: keyof Draft) => (value: string) => setDraft({ ...draft, [name]: value });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(fromDraft(draft));
  }

  return (
    <form onSubmit={submit} aria-label="Audit filters" className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <ActionSelect value={draft.action} onChange={set("action")} actions={options.data?.actions ?? []} />
        <TextField
          label="Actor"
          placeholder="e-mail, credential, cli:…"
          title="Exactly as shown in the Actor column"
          value={draft.actor}
          onChange={(event) => set("actor")(event.target.value)}
        />
        <TargetTypeSelect value={draft.targetType} onChange={set("targetType")} types={options.data?.targetTypes ?? []} />
        <TextField label="Target ID" value={draft.targetId} onChange={(event) => set("targetId")(event.target.value)} />
        <TextField label="Application" placeholder="Application ID" value={draft.applicationId} onChange={(event) => set("applicationId")(event.target.value)} />
        <TextField label="From" type="datetime-local" value={draft.from} onChange={(event) => set("from")(event.target.value)} />
        <TextField label="To" type="datetime-local" value={draft.to} onChange={(event) => set("to")(event.target.value)} />
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600">
          Times are in your time zone, {timeZone}. Actor, target and application match exactly; choose a row&apos;s actor or target to see its entries.
        </p>
        <div className="flex gap-2">
          {isFiltered(filter) ? (
            <Button size="sm" onClick={() => onApply({})}>
              Clear filters
            </Button>
          ) : null}
          <Button size="sm" type="submit" variant="primary">
            Apply filters
          </Button>
        </div>
      </div>
    </form>
  );
}
