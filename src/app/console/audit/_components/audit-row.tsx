"use client";

import Link from "next/link";
import { useId, useState } from "react";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CodeValue } from "@/components/ui/code-value";
import { JsonView } from "@/components/ui/json-view";
import { Td, Tr } from "@/components/ui/table";
import type { RouterOutputs } from "@/components/trpc/router-types";

import type { AuditFilterValues } from "./audit-filter";
import { ZonedTime } from "./zoned-time";

export type AuditEntry = RouterOutputs["audit"]["list"]["items"][number];

const ACTOR_TONES: Record<string, BadgeTone> = { STAFF: "blue", CREDENTIAL: "violet", CLI: "amber", SYSTEM: "neutral", ANONYMOUS: "neutral" };

const linkClasses = "text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600";

function Dash() {
  return <span className="text-slate-500">—</span>;
}

export function AuditRow({ entry, hrefFor }: { entry: AuditEntry; hrefFor: (filter: AuditFilterValues) => string }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const targetName = entry.targetLabel ?? entry.targetId;
  return (
    <>
      <Tr className={open ? "bg-slate-50" : undefined}>
        <Td className="w-8 pr-0">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`Details of entry ${entry.id}`}
            onClick={() => setOpen(!open)}
            className="size-6 rounded text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            <span aria-hidden="true">{open ? "▾" : "▸"}</span>
          </button>
        </Td>
        <Td>
          <ZonedTime value={entry.createdAt} />
        </Td>
        <Td>
          {/* Wraps the label under the badge only when the table runs out of width. */}
          <span className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
            <Badge tone={ACTOR_TONES[entry.actorType] ?? "neutral"}>{entry.actorType}</Badge>
            <Link
              href={hrefFor({ actor: entry.actorLabel })}
              aria-label={`${entry.actorLabel} (entries by this actor)`}
              title="Show the entries by this actor"
              className={`whitespace-nowrap ${linkClasses}`}
            >
              {entry.actorLabel}
            </Link>
          </span>
        </Td>
        <Td className="font-mono text-xs whitespace-nowrap">{entry.action}</Td>
        <Td className="text-xs">
          <span className="flex max-w-[16rem] gap-1 whitespace-nowrap">
            <span className="text-slate-600">{entry.targetType}</span>
            <Link
              href={hrefFor({ targetType: entry.targetType, targetId: entry.targetId })}
              aria-label={`${targetName} (entries about this ${entry.targetType})`}
              title={`Show the entries about ${entry.targetDetail ? `${entry.targetDetail}, ` : ""}${entry.targetType} ${entry.targetId}`}
              className={`truncate ${entry.targetLabel ? "" : "font-mono"} ${linkClasses}`}
            >
              {targetName}
            </Link>
          </span>
        </Td>
        <Td className="text-xs">
          {entry.applicationId ? (
            <Link
              href={`/console/applications/${encodeURIComponent(entry.applicationId)}`}
              title={entry.applicationId}
              className={`block max-w-[10rem] truncate font-mono ${linkClasses}`}
            >
              {entry.applicationId}
            </Link>
          ) : (
            <Dash />
          )}
        </Td>
        <Td className="max-w-[6rem] font-mono text-xs text-slate-600">
          {entry.requestId ? (
            <span className="block truncate" title={entry.requestId}>
              {entry.requestId}
            </span>
          ) : (
            <Dash />
          )}
        </Td>
      </Tr>
      {open ? (
        <tr id={detailsId} className="bg-slate-50">
          <td colSpan={7} className="px-3 pt-1 pb-3">
            <dl className="mb-2 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[8rem_minmax(0,1fr)]">
              <dt className="font-medium text-slate-600">Target</dt>
              <dd className="min-w-0 break-all">
                {entry.targetType} <span className="font-mono">{entry.targetId}</span>
                {entry.targetLabel ? ` (${[entry.targetDetail, entry.targetLabel].filter(Boolean).join(", ")})` : ""}
              </dd>
              <dt className="font-medium text-slate-600">Hash</dt>
              <dd className="min-w-0">
                <CodeValue value={entry.hash} label={`hash of entry ${entry.id}`} truncate={false} />
                <span className="text-slate-600">
                  {entry.hashVersion === 2 ? "Keyed (HMAC-SHA256 under the chain key)" : "Plain SHA-256, written before the chain key existed"}
                </span>
              </dd>
            </dl>
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
          </td>
        </tr>
      ) : null}
    </>
  );
}
