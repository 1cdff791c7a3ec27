"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TableRows } from "@/components/ui/table-rows";

/** Which applications can send push through which provider; each links to its Push section. */
export function PushOverview() {
  const trpc = useTRPC();
  const applications = useQuery(trpc.push.applications.queryOptions());
  const flag = (set: boolean) => <Badge tone={set ? "green" : "neutral"}>{set ? "set" : "not set"}</Badge>;
  return (
    <>
      <PageHeader title="Push" description="Provider credentials per application. Open an application to set or remove its credentials and to see its registered devices." />
      <Table caption="Push configuration of each application">
        <THead>
          <Tr>
            <Th>Application</Th>
            <Th>APNs</Th>
            <Th>FCM</Th>
            <Th>HMS</Th>
          </Tr>
        </THead>
        <TBody>
          <TableRows colSpan={4} query={applications} items={applications.data} what="applications" empty="No application exists yet.">
            {(item) => (
              <Tr key={item.appId}>
                <Td>
                  <Link href={`/console/applications/${encodeURIComponent(item.appId)}`} className="font-mono text-blue-700 hover:underline">
                    {item.appId}
                  </Link>
                </Td>
                <Td>{flag(item.apns)}</Td>
                <Td>{flag(item.fcm)}</Td>
                <Td>{flag(item.hms)}</Td>
              </Tr>
            )}
          </TableRows>
        </TBody>
      </Table>
    </>
  );
}
