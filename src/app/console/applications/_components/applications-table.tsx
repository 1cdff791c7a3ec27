"use client";

import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";

import { errorMessage } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Table, TableMessageRow, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";
import type { AppRouter } from "@/server/trpc/root";

type ApplicationRow = inferRouterOutputs<AppRouter>["applications"]["list"]["items"][number];

export function ApplicationsTable({
  items,
  isLoading,
  error,
  term,
  canWrite,
}: {
  items: ApplicationRow[] | undefined;
  isLoading: boolean;
  error: unknown;
  /** The search in effect, for the "nothing found" line. */
  term: string;
  canWrite: boolean;
}) {
  return (
    <Table caption="Applications">
      <THead>
        <Tr>
          <Th>ID</Th>
          <Th>Roles</Th>
          <Th>Versions (supported / total)</Th>
          <Th>Active credentials</Th>
          <Th>Created</Th>
        </Tr>
      </THead>
      <TBody>
        {isLoading ? (
          <TableMessageRow colSpan={5}>Loading applications…</TableMessageRow>
        ) : error ? (
          <TableMessageRow colSpan={5}>
            <span className="text-red-700">{errorMessage(error)}</span>
          </TableMessageRow>
        ) : !items?.length ? (
          <TableMessageRow colSpan={5}>
            {term
              ? `No application ID contains “${term}”.`
              : canWrite
                ? "No applications yet. Create the first one with “New application”."
                : "No applications yet."}
          </TableMessageRow>
        ) : (
          items.map((app) => (
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
                  <span className="text-slate-400">—</span>
                )}
              </Td>
              <Td className="tabular-nums">
                {app.supportedVersions} / {app.versions}
              </Td>
              <Td className="tabular-nums">{app.activeCredentials}</Td>
              <Td>
                <Timestamp value={app.createdAt} />
              </Td>
            </Tr>
          ))
        )}
      </TBody>
    </Table>
  );
}
