"use client";

import Link from "next/link";

import { ACTOR_TEXT } from "@/components/registrations/actor-text";
import { RegistrationStatusBadge } from "@/components/registrations/registration-status-badge";
import type { TimelineEntry } from "@/components/registrations/registration-types";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { type TableQuery, TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";

const SOURCE_TEXT: Record<TimelineEntry["source"], string> = { registration: "Registration", operation: "Operation", verification: "Verification" };

const KIND_TEXT: Record<string, string> = { SIGNATURE: "Signature", OFFLINE: "Offline OTP", TOKEN: "Token" };

export function TimelineTable({ query, items, paged }: { query: TableQuery; items: TimelineEntry[] | undefined; paged: boolean }) {
  return (
    <Table caption="Timeline">
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>What</Th>
          <Th>Details</Th>
          <Th>Registration</Th>
          <Th>By</Th>
        </Tr>
      </THead>
      <TBody>
        <TableRows colSpan={5} query={query} items={items} what="timeline" empty={paged ? "No events on this page." : "Nothing has happened for this user yet."}>
          {(entry) => (
            <Tr key={entry.key}>
              <Td>
                <Timestamp value={entry.createdAt} format="short" />
              </Td>
              <Td>
                <Badge tone={entry.source === "verification" ? (entry.valid ? "green" : "red") : entry.source === "operation" ? "violet" : "neutral"}>
                  {entry.source === "verification" ? `${KIND_TEXT[entry.kind ?? ""] ?? entry.kind} ${entry.valid ? "valid" : "invalid"}` : SOURCE_TEXT[entry.source]}
                </Badge>
              </Td>
              <Td className="max-w-[16rem]">
                <Details entry={entry} />
              </Td>
              <Td>
                {entry.registrationId ? (
                  <Link
                    href={`/console/registrations/${entry.registrationId}`}
                    className="font-mono text-xs text-blue-700 hover:underline"
                    aria-label={`Registration ${entry.registrationId}`}
                    title={entry.registrationId}
                  >
                    {entry.registrationId.slice(0, 8)}…
                  </Link>
                ) : (
                  <span className="text-slate-600">—</span>
                )}
                <div className="max-w-[8rem] truncate font-mono text-xs text-slate-600" title={`Application ${entry.applicationId}`}>
                  {entry.applicationId}
                </div>
              </Td>
              <Td className="max-w-[9rem]">
                {entry.actorLabel ? (
                  <>
                    <span className="block truncate" title={entry.actorLabel}>
                      {entry.actorLabel}
                    </span>
                    <span className="text-xs text-slate-600">{ACTOR_TEXT[entry.actorType ?? ""] ?? entry.actorType}</span>
                  </>
                ) : (
                  <span className="text-slate-600">—</span>
                )}
              </Td>
            </Tr>
          )}
        </TableRows>
      </TBody>
    </Table>
  );
}

function Details({ entry }: { entry: TimelineEntry }) {
  if (entry.source === "verification") {
    return (
      <span className="block text-xs">
        <span className="font-mono">{entry.reason}</span>
        {entry.signatureType ? <span className="text-slate-600"> · {entry.signatureType}</span> : null}
        {entry.request ? (
          <span className="block truncate font-mono text-slate-600" title={entry.request}>
            {entry.request}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <span className="block">
      <span className="inline-flex flex-wrap items-center gap-1">
        {entry.fromStatus ? (
          <>
            <RegistrationStatusBadge status={entry.fromStatus} />
            <span aria-label="to">→</span>
          </>
        ) : null}
        {entry.toStatus ? <RegistrationStatusBadge status={entry.toStatus} /> : null}
      </span>
      {entry.source === "operation" && entry.operationId ? (
        <Link href={`/console/operations/${entry.operationId}`} className="block truncate font-mono text-xs text-blue-700 hover:underline" title={entry.operationId}>
          operation {entry.operationId}
        </Link>
      ) : null}
      {entry.reason ? <span className="block font-mono text-xs break-all text-slate-600">{entry.reason}</span> : null}
    </span>
  );
}
