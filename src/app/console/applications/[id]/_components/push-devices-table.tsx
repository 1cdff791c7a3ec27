"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TableRows } from "@/components/ui/table-rows";
import { TextField } from "@/components/ui/text-field";
import { Timestamp } from "@/components/ui/timestamp";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";

const PAGE_SIZE = 25;
const PLATFORMS = { APNS: "APNs", FCM: "FCM", HMS: "HMS" } as const;

/** The application's push devices, newest first, optionally of one user; keyset pages (Next / First). */
export function PushDevicesTable({ applicationId }: { applicationId: string }) {
  const trpc = useTRPC();
  const [userText, setUserText] = useState("");
  const userId = useDebouncedValue(userText.trim(), 300);
  // The cursors of the pages before this one, so Previous works without offsets.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const devices = useQuery(
    trpc.push.devices.queryOptions({ applicationId, limit: PAGE_SIZE, ...(userId ? { userId } : {}), ...(cursor ? { cursor } : {}) }, { placeholderData: keepPreviousData }),
  );
  const next = devices.data?.nextCursor ?? null;

  return (
    <div className="mt-4 border-t border-slate-100 pt-4">
      <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
        <h3 className="text-xs font-semibold text-slate-700">Devices</h3>
        <TextField label="User ID" value={userText} onChange={(event) => { setUserText(event.target.value); setCursors([]); }} className="w-64" />
      </div>
      <Table caption="Push devices">
        <THead>
          <Tr>
            <Th>User</Th>
            <Th>Platform</Th>
            <Th>Environment</Th>
            <Th>Status</Th>
            <Th>Token</Th>
            <Th>Registered</Th>
            <Th>Last success</Th>
            <Th>Last error</Th>
          </Tr>
        </THead>
        <TBody>
          <TableRows colSpan={8} query={devices} items={devices.data?.items} what="devices" empty={userId ? "This user has no push devices in this application." : "No device has registered for push yet."}>
            {(device) => (
              <Tr key={device.id}>
                <Td className="max-w-[12rem] truncate font-mono text-xs">
                  <Link href={`/console/support?userId=${encodeURIComponent(device.userId)}`} className="text-blue-700 hover:underline" title={`All of ${device.userId}`}>
                    {device.userId}
                  </Link>
                </Td>
                <Td>{PLATFORMS[device.platform]}</Td>
                <Td>{device.environment ?? "—"}</Td>
                <Td>
                  <Badge tone={device.status === "ACTIVE" ? "green" : "amber"} title={device.status === "ACTIVE" ? "Gets every message" : "The registration is not active: no personal messages"}>
                    {device.status === "ACTIVE" ? "active" : "inactive"}
                  </Badge>
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">{device.token}</Td>
                <Td><Timestamp value={device.updatedAt} format="compact" /></Td>
                <Td><Timestamp value={device.lastSuccessAt} format="compact" /></Td>
                <Td>{device.lastError ? <span title={device.lastError}><Timestamp value={device.lastErrorAt} format="compact" /> {device.lastError}</span> : "—"}</Td>
              </Tr>
            )}
          </TableRows>
        </TBody>
      </Table>
      <nav aria-label="Pages of devices" className="mt-2 flex justify-end gap-2">
        <Button size="sm" disabled={cursors.length === 0} onClick={() => setCursors((previous) => previous.slice(0, -1))}>
          Previous page
        </Button>
        <Button size="sm" disabled={!next} onClick={() => next && setCursors((previous) => [...previous, next])}>
          Next page
        </Button>
      </nav>
    </div>
  );
}
