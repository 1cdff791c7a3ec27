"use client";

import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { SortableTh, type SortDirection, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { type TableQuery, TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";
import type { RouterOutputs } from "@/components/trpc/router-types";

type ApplicationRow = RouterOutputs["applications"]["list"]["items"][number];
type ApplicationSort = "id" | "createdAt";

export function ApplicationsTable({
  query,
  items,
  term,
  canWrite,
  sorting,
}: {
  query: TableQuery;
  items: ApplicationRow[] | undefined;
  /** The search in effect, for the "nothing found" line. */
  term: string;
  canWrite: boolean;
  sorting: { sort: ApplicationSort; direction: SortDirection; onSort: (sort: ApplicationSort, direction: SortDirection) => void };
}) {
  return (
    <Table caption="Applications">
      <THead>
        <Tr>
          <SortableTh column="id" {...sorting}>
            ID
          </SortableTh>
          <Th>Roles</Th>
          <Th>Versions (supported / total)</Th>
          <Th>Active credentials</Th>
          <SortableTh column="createdAt" firstDirection="desc" {...sorting}>
            Created
          </SortableTh>
        </Tr>
      </THead>
      <TBody>
        <TableRows
          colSpan={5}
          query={query}
          items={items}
          what="applications"
          empty={
            term
              ? `No application ID contains “${term}”.`
              : canWrite
                ? "No applications yet. Create the first one with “New application”."
                : "No applications yet."
          }
        >
          {(app) => (
            <Tr key={app.id}>
              <Td>
                <Link href={`/console/applications/${encodeURIComponent(app.id)}`} className="font-mono text-xs font-medium text-blue-700 hover:underline">
                  {app.id}
                </Link>
              </Td>
              <Td>
                {app.roles.length ? (
                  <span className="flex flex-wrap gap-1">
                    {app.roles.map((role) => (
                      <Badge key={role}>{role}</Badge>
                    ))}
                  </span>
                ) : (
                  <span className="text-slate-600">—</span>
                )}
              </Td>
              <Td className="tabular-nums">
                {app.supportedVersions === 0 ? (
                  <Badge tone="red" title="No supported version: the mobile app cannot be used">
                    None supported / {app.versions}
                  </Badge>
                ) : (
                  <>
                    {app.supportedVersions} / {app.versions}
                  </>
                )}
              </Td>
              <Td className="tabular-nums">{app.activeCredentials}</Td>
              <Td>
                <Timestamp value={app.createdAt} />
              </Td>
            </Tr>
          )}
        </TableRows>
      </TBody>
    </Table>
  );
}
