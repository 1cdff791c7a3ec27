"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { pushMessageLogHref } from "@/components/push/push-labels";
import type { PushCredentialState } from "@/components/push/push-types";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button-classes";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TableRows } from "@/components/ui/table-rows";

const STATE_WORDS: Record<PushCredentialState, string> = { NOT_SET: "not set", SET: "set", FAILING: "failing" };
const STATE_TONES: Record<PushCredentialState, BadgeTone> = { NOT_SET: "neutral", SET: "green", FAILING: "red" };

/** Which applications can send push through which provider; each links to its Push section. */
export function PushOverview() {
  const trpc = useTRPC();
  const applications = useQuery(trpc.push.applications.queryOptions());
  // "failing": the provider refused these credentials at the last send (issue 10 §3); every send fails until they are replaced.
  const flag = (state: PushCredentialState) => <Badge tone={STATE_TONES[state]}>{STATE_WORDS[state]}</Badge>;
  return (
    <>
      <PageHeader
        title="Push"
        description="Provider credentials per application. Open an application to set or remove its credentials, send a test push and see its registered devices; the message log shows what each application sent and what the providers answered."
        actions={
          <Link href="/console/push/messages" className={buttonClasses("secondary", "sm")}>
            Message log
          </Link>
        }
      />
      <Table caption="Push configuration of each application">
        <THead>
          <Tr>
            <Th>Application</Th>
            <Th>APNs</Th>
            <Th>FCM</Th>
            <Th>HMS</Th>
            <Th>Messages</Th>
          </Tr>
        </THead>
        <TBody>
          <TableRows colSpan={5} query={applications} items={applications.data} what="applications" empty="No application exists yet.">
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
                <Td>
                  <Link href={pushMessageLogHref(item.appId)} className="text-xs text-blue-700 hover:underline" aria-label={`Message log of ${item.appId}`}>
                    Message log
                  </Link>
                </Td>
              </Tr>
            )}
          </TableRows>
        </TBody>
      </Table>
    </>
  );
}
