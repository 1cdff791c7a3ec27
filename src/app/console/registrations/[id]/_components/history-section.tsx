"use client";

import { useQuery } from "@tanstack/react-query";

import { ACTOR_TEXT } from "@/components/registrations/actor-text";
import { RegistrationStatusBadge } from "@/components/registrations/registration-status-badge";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Section } from "@/components/ui/section";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";

/** Every status change, oldest first: who or what changed it, and why. */
export function HistorySection({ registrationId }: { registrationId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.registrations.history.queryOptions({ registrationId }));
  return (
    <Section title="History" description="Every status change of this registration, oldest first, written in the same transaction as the change.">
      <Table caption="Status history">
        <THead>
          <Tr>
            <Th>Time</Th>
            <Th>Change</Th>
            <Th>Reason</Th>
            <Th>By</Th>
          </Tr>
        </THead>
        <TBody>
          <TableRows colSpan={4} query={history} items={history.data} what="history" empty="No history.">
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
                    {row.externalUserId ? ` · for ${row.externalUserId}` : ""}
                  </span>
                </Td>
              </Tr>
            )}
          </TableRows>
        </TBody>
      </Table>
    </Section>
  );
}
