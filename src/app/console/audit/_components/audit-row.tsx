"use client";

import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useId, useState } from "react";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CodeValue } from "@/components/ui/code-value";
import { JsonView } from "@/components/ui/json-view";
import { Td, Tr } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";
import type { AppRouter } from "@/server/trpc/root";

type AuditEntry = inferRouterOutputs<AppRouter>["audit"]["list"]["items"][number];

const ACTOR_TONES: Record<string, BadgeTone> = { STAFF: "blue", CREDENTIAL: "violet", CLI: "amber", SYSTEM: "neutral" };

export function AuditRow({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <>
      <Tr className={open ? "bg-slate-50" : undefined}>
        <Td className="w-8 pr-0">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`Details of entry ${entry.id}`}
            onClick={() => setOpen(!open)}
            className="size-6 rounded text-slate-500 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            <span aria-hidden="true">{open ? "▾" : "▸"}</span>
          </button>
        </Td>
        <Td>
          <Timestamp value={entry.createdAt} format="short" />
        </Td>
        <Td>
          {/* Wraps the label under the badge only when the table runs out of width. */}
          <span className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
            <Badge tone={ACTOR_TONES[entry.actorType] ?? "neutral"}>{entry.actorType}</Badge>
            <span className="whitespace-nowrap">{entry.actorLabel}</span>
          </span>
        </Td>
        <Td className="font-mono text-xs whitespace-nowrap">{entry.action}</Td>
        <Td className="text-xs">
          <span className="flex max-w-[12rem] gap-1 whitespace-nowrap">
            <span className="text-slate-500">{entry.targetType}</span>
            <span className="truncate font-mono" title={entry.targetId}>
              {entry.targetId}
            </span>
          </span>
        </Td>
        <Td className="text-xs">
          {entry.applicationId ? (
            <Link
              href={`/console/applications/${encodeURIComponent(entry.applicationId)}`}
              title={entry.applicationId}
              className="block max-w-[10rem] truncate font-mono text-blue-700 hover:underline"
            >
              {entry.applicationId}
            </Link>
          ) : (
            <span className="text-slate-400">—</span>
          )}
        </Td>
        <Td className="max-w-[6rem] font-mono text-xs text-slate-600">
          {entry.requestId ? (
            <span className="block truncate" title={entry.requestId}>
              {entry.requestId}
            </span>
          ) : (
            <span className="text-slate-400">—</span>
          )}
        </Td>
      </Tr>
      {open ? (
        <tr id={detailsId} className="bg-slate-50">
          <td colSpan={7} className="px-3 pt-1 pb-3">
            <div className="grid gap-3 md:grid-cols-2">
              <div>
                <p className="mb-1 text-xs font-medium text-slate-600">Before</p>
                <JsonView value={entry.before} label={`Before, entry ${entry.id}`} />
              </div>
              <div>
                <p className="mb-1 text-xs font-medium text-slate-600">After</p>
                <JsonView value={entry.after} label={`After, entry ${entry.id}`} />
              </div>
            </div>
            <div className="mt-2 flex items-center gap-2 text-xs text-slate-600">
              <span className="shrink-0">Entry {entry.id} · hash</span>
              <CodeValue value={entry.hash} label={`hash of entry ${entry.id}`} truncate={false} />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
