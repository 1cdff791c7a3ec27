"use client";

import { useQuery } from "@tanstack/react-query";

import { StatusHistoryTable } from "@/components/console/status-history-table";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Section } from "@/components/ui/section";

/** Every status change, oldest first: who or what changed it, and why. */
export function HistorySection({ registrationId }: { registrationId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.registrations.history.queryOptions({ registrationId }));
  return (
    <Section title="History" description="Every status change of this registration, oldest first, written in the same transaction as the change.">
      <StatusHistoryTable
        caption="Status history"
        query={history}
        items={history.data}
        actorDetail={(row) => (row.externalUserId ? ` · for ${row.externalUserId}` : "")}
      />
    </Section>
  );
}
