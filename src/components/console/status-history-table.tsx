"use client";

import type { ReactNode } from "react";

import { ACTOR_TEXT } from "@/components/registrations/actor-text";
import { RegistrationStatusBadge } from "@/components/registrations/registration-status-badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { type TableQuery, TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";

/** One row of a registration's or an operation's history (both services return this shape). */
export interface StatusHistoryRow {
  id: string;
  createdAt: Date;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  actorType: string;
  actorLabel: string;
}

/**
 * Every status change, oldest first: when, from what to what, why, and who or what changed it.
 * `actorDetail` adds to the "By" column what one kind of history knows more (the customer a bank
 * acted for, the registration that approved an operation).
 */
export function StatusHistoryTable<T extends StatusHistoryRow>({
  caption,
  query,
  items,
  actorDetail,
}: {
  caption: string;
  query: TableQuery;
  items: T[] | undefined;
  actorDetail?: (row: T) => ReactNode;
}) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>Change</Th>
          <Th>Reason</Th>
          <Th>By</Th>
        </Tr>
      </THead>
      <TBody>
        <TableRows colSpan={4} query={query} items={items} what="history" empty="No history.">
          {(row) => (
            <Tr key={row.id}>
              <Td>
                <Timestamp value={row.createdAt} format="short" />
              </Td>
              <Td>
                <span className="inline-flex flex-wrap items-center gap-1">
                  {row.fromStatus ? (
                    <>
                      <RegistrationStatusBadge status={row.fromStatus} />
                      <span aria-label="to">→</span>
                    </>
                  ) : null}
                  <RegistrationStatusBadge status={row.toStatus} />
                </span>
              </Td>
              <Td className="max-w-[14rem] font-mono text-xs break-all">{row.reason ?? <span className="font-sans text-slate-600">—</span>}</Td>
              <Td className="max-w-[16rem]">
                <span className="block truncate" title={row.actorLabel}>
                  {row.actorLabel}
                </span>
                <span className="text-xs text-slate-600">
                  {ACTOR_TEXT[row.actorType] ?? row.actorType}
                  {actorDetail?.(row)}
                </span>
              </Td>
            </Tr>
          )}
        </TableRows>
      </TBody>
    </Table>
  );
}
