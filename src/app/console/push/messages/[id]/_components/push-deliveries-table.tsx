"use client";

import Link from "next/link";
import { Fragment, useState } from "react";

import { PushDeliveryStatusBadge } from "@/components/push/push-delivery-status-badge";
import { describeOutcome, PLATFORM_LABELS } from "@/components/push/push-labels";
import type { PushDeliveryRow } from "@/components/push/push-types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ActionsTh, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { type TableQuery, TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";

import { PushAttemptsTable } from "./push-attempts-table";

const COLUMNS = 9;

/** One row per device the message went to; each opens to its attempts. */
export function PushDeliveriesTable({ query, items }: { query: TableQuery; items: PushDeliveryRow[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <Table caption="Deliveries">
      <THead>
        <Tr>
          <Th>Platform · env.</Th>
          <Th>Token</Th>
          <Th>Registration · user</Th>
          <Th>Status</Th>
          <Th>Outcome</Th>
          <Th>Provider answer</Th>
          <Th>Attempts</Th>
          <Th>Next attempt</Th>
          <ActionsTh />
        </Tr>
      </THead>
      <TBody>
        <TableRows colSpan={COLUMNS} query={query} items={items} what="deliveries" empty="No delivery yet: the devices are still being found, or the audience had no device.">
          {(delivery) => (
            <Fragment key={delivery.id}>
              <Tr>
                {/* Platform and environment share a column, and the marker goes under the token: as ten columns, the table overflowed its section at 1400 px and squeezed the outcome. */}
                <Td className="text-xs">
                  {PLATFORM_LABELS[delivery.platform]}
                  <div className="text-slate-600">{delivery.environment ?? "—"}</div>
                </Td>
                <Td className="font-mono text-xs">
                  <span className="whitespace-nowrap">{delivery.token}</span>
                  {delivery.deviceRemoved ? (
                    <div className="mt-0.5">
                      <Badge tone="neutral" title="The device row is gone: a dead token was retired, or the registration was removed">
                        device removed
                      </Badge>
                    </div>
                  ) : null}
                </Td>
                <Td className="font-mono text-xs">
                  {delivery.registrationId ? (
                    <Link href={`/console/registrations/${delivery.registrationId}`} className="text-blue-700 hover:underline" title={delivery.registrationId}>
                      {delivery.registrationId.slice(0, 8)}…
                    </Link>
                  ) : (
                    <span className="text-slate-600">—</span>
                  )}
                  {delivery.userId ? <div className="max-w-[10rem] truncate text-slate-600" title={delivery.userId}>{delivery.userId}</div> : null}
                </Td>
                <Td>
                  <PushDeliveryStatusBadge status={delivery.status} attempts={delivery.attemptCount} />
                </Td>
                <Td className="min-w-[9rem] max-w-[14rem] text-xs">{describeOutcome(delivery.outcome)}</Td>
                <Td className="max-w-[16rem] text-xs break-words">
                  {delivery.providerStatus !== null ? <span className="font-mono">{delivery.providerStatus} </span> : null}
                  {delivery.reason ?? (delivery.providerStatus === null ? <span className="text-slate-600">—</span> : null)}
                </Td>
                <Td className="text-xs tabular-nums">{delivery.attemptCount}</Td>
                <Td className="text-xs">
                  <Timestamp value={delivery.status === "PENDING" ? delivery.nextAttemptAt : null} format="short" />
                </Td>
                <Td>
                  <Button size="sm" aria-expanded={open.has(delivery.id)} disabled={delivery.attempts.length === 0} onClick={() => toggle(delivery.id)}>
                    {open.has(delivery.id) ? "Hide attempts" : "Attempts"}
                    <span className="sr-only"> of the delivery to {delivery.token}</span>
                  </Button>
                </Td>
              </Tr>
              {open.has(delivery.id) ? (
                <tr>
                  <td colSpan={COLUMNS} className="bg-slate-50 px-3 py-2">
                    <PushAttemptsTable token={delivery.token} attempts={delivery.attempts} total={delivery.attemptCount} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          )}
        </TableRows>
      </TBody>
    </Table>
  );
}
