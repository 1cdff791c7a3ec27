"use client";

import Link from "next/link";

import { PushDeliveryCounts } from "@/components/push/push-delivery-counts";
import { describeAudience, describeOrigin, pushMessageHref } from "@/components/push/push-labels";
import type { PushMessageRow } from "@/components/push/push-types";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { type TableQuery, TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";

/** One row per message: when, from where, to whom, what, and how its deliveries stand. */
export function PushMessagesTable({ applicationId, query, items, empty }: { applicationId: string; query: TableQuery; items: PushMessageRow[] | undefined; empty: string }) {
  return (
    <Table caption="Push messages">
      <THead>
        <Tr>
          <Th>Sent</Th>
          <Th>Origin · sent by</Th>
          <Th>Audience</Th>
          <Th>Title</Th>
          <Th>Priority · flags</Th>
          <Th>Devices</Th>
          <Th>Deliveries</Th>
        </Tr>
      </THead>
      <TBody>
        <TableRows colSpan={7} query={query} items={items} what="push messages" empty={empty}>
          {(message) => (
            <Tr key={message.id}>
              <Td className="text-xs">
                <Link href={pushMessageHref(applicationId, message.id)} className="text-blue-700 hover:underline" title={`Message ${message.id}`}>
                  <Timestamp value={message.createdAt} format="compact" />
                  <span className="sr-only">, open message {message.id.slice(0, 8)}</span>
                </Link>
              </Td>
              <Td className="text-xs">
                {describeOrigin(message.origin)}
                <div className="max-w-[9rem] truncate text-slate-600" title={message.sentBy}>
                  {message.sentBy}
                </div>
              </Td>
              <Td className="max-w-[13rem] truncate font-mono text-xs" title={describeAudience(message)}>
                {describeAudience(message)}
              </Td>
              <Td className="max-w-[12rem] truncate text-xs" title={message.title ?? undefined}>
                {message.title ?? <span className="text-slate-600">{message.silent ? "silent" : "no title"}</span>}
              </Td>
              <Td className="text-xs">
                <span className="inline-flex items-center gap-1 whitespace-nowrap">
                  {message.priority === "HIGH" ? "high" : "normal"}
                  {message.silent ? <Badge tone="violet">silent</Badge> : null}
                  {message.personal ? <Badge tone="blue">personal</Badge> : null}
                </span>
              </Td>
              <Td className="text-xs tabular-nums">{message.fannedOutAt ? message.deviceCount : <span className="text-slate-600">finding devices…</span>}</Td>
              <Td>
                <PushDeliveryCounts counts={message.counts} />
              </Td>
            </Tr>
          )}
        </TableRows>
      </TBody>
    </Table>
  );
}
