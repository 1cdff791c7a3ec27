"use client";

import Link from "next/link";
import type { ReactNode } from "react";

import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { type TableQuery, TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";

import { RegistrationStatusBadge } from "./registration-status-badge";
import type { RegistrationRow } from "./registration-types";

/**
 * Registrations, newest first: the registrations page and one user's support page. The ID links
 * to the detail; the user ID to the user's support page (unless the page is already that).
 */
export function RegistrationsTable({
  caption,
  query,
  items,
  empty,
  showUser = true,
}: {
  caption: string;
  query: TableQuery;
  items: RegistrationRow[] | undefined;
  empty: ReactNode;
  showUser?: boolean;
}) {
  const columns = showUser ? 6 : 5;
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          {/* The application sits under the ID rather than in a column of its own: the table must fit 1024 px. */}
          <Th>Registration</Th>
          {showUser ? <Th>User ID</Th> : null}
          <Th>Status</Th>
          <Th>Device</Th>
          <Th>Flags</Th>
          <Th>Created · used</Th>
        </Tr>
      </THead>
      <TBody>
        <TableRows colSpan={columns} query={query} items={items} what="registrations" empty={empty}>
          {(registration) => (
            <Tr key={registration.id}>
              <Td>
                <Link
                  href={`/console/registrations/${registration.id}`}
                  className="font-mono text-xs text-blue-700 hover:underline"
                  aria-label={`Registration ${registration.id}`}
                  title={registration.id}
                >
                  {registration.id.slice(0, 8)}…
                </Link>
                <div className="max-w-[9rem] truncate font-mono text-xs text-slate-600" title={`Application ${registration.applicationId}`}>
                  {registration.applicationId}
                </div>
              </Td>
              {showUser ? (
                <Td className="max-w-[10rem]">
                  <Link
                    href={`/console/support?userId=${encodeURIComponent(registration.userId)}`}
                    className="block truncate font-mono text-xs text-blue-700 hover:underline"
                    title={`Support page of ${registration.userId}`}
                  >
                    {registration.userId}
                  </Link>
                </Td>
              ) : null}
              <Td>
                <RegistrationStatusBadge status={registration.status} expired={registration.expired} />
              </Td>
              <Td className="max-w-[9rem]">
                {registration.name ? (
                  <span className="block truncate" title={[registration.name, registration.platform].filter(Boolean).join(" · ")}>
                    {registration.name}
                  </span>
                ) : (
                  <span className="text-slate-600">Not activated</span>
                )}
              </Td>
              <Td className="max-w-[8rem]">
                {registration.flags.length ? (
                  <span className="block truncate font-mono text-xs" title={registration.flags.join(", ")}>
                    {registration.flags.join(", ")}
                  </span>
                ) : (
                  <span className="text-slate-600">—</span>
                )}
              </Td>
              <Td>
                <Timestamp value={registration.createdAt} format="compact" />
                <div className="text-xs text-slate-600">
                  <Timestamp value={registration.lastUsedAt} format="compact" />
                </div>
              </Td>
            </Tr>
          )}
        </TableRows>
      </TBody>
    </Table>
  );
}
