"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { PushDeliveryCounts } from "@/components/push/push-delivery-counts";
import { describeAudience, describeOrigin, isPushMessageOpen, pushMessageLogHref } from "@/components/push/push-labels";
import type { PushMessageDetail } from "@/components/push/push-types";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Timestamp } from "@/components/ui/timestamp";

import { PushMessageBody } from "./push-message-body";
import { PushDeliveriesTable } from "./push-deliveries-table";

// Until every delivery has its answer, the page follows the pipeline.
const OPEN_REFRESH_MS = 2_000;

export function PushMessageDetailView({ applicationId, id, initial }: { applicationId: string; id: string; initial?: PushMessageDetail }) {
  const trpc = useTRPC();
  const message = useQuery(
    trpc.push.message.queryOptions(
      { applicationId, messageId: id },
      { initialData: initial, refetchInterval: (query) => (query.state.data && isPushMessageOpen(query.state.data) ? OPEN_REFRESH_MS : false) },
    ),
  );
  const backLink = (
    <Link href={pushMessageLogHref(applicationId)} className="text-blue-700 hover:underline">
      ← Message log of {applicationId}
    </Link>
  );
  if (message.isLoading) return <Loading label="Loading push message…" />;
  if (!message.data) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={`Push message ${id}`} />
        <LoadFailurePanel error={message.error} what="this push message" onRetry={() => void message.refetch()} retrying={message.isFetching} />
      </>
    );
  }
  const m = message.data;
  const open = isPushMessageOpen(m);
  return (
    <>
      <PageHeader
        eyebrow={backLink}
        title={
          <>
            Push message <span className="font-mono text-base">{m.id}</span>
          </>
        }
        description={
          <>
            {describeOrigin(m.origin)} · sent by {m.sentBy} · <Timestamp value={m.createdAt} />
          </>
        }
      />
      <div className="space-y-4">
        <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Section title="Overview">
            <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm" data-testid="push-message-overview">
              <dt className="text-xs font-medium text-slate-600">Application</dt>
              <dd className="font-mono text-xs">
                <Link href={`/console/applications/${encodeURIComponent(applicationId)}`} className="text-blue-700 hover:underline">
                  {applicationId}
                </Link>
              </dd>
              <dt className="text-xs font-medium text-slate-600">Audience</dt>
              <dd className="font-mono text-xs break-all">{describeAudience(m)}</dd>
              <dt className="text-xs font-medium text-slate-600">Priority</dt>
              <dd className="text-xs">{m.priority === "HIGH" ? "High (delivered at once)" : "Normal (the phone may batch it)"}</dd>
              <dt className="text-xs font-medium text-slate-600">Kind</dt>
              <dd className="flex flex-wrap gap-1 text-xs">
                <Badge tone={m.silent ? "violet" : "neutral"}>{m.silent ? "silent (wakes the app, shows nothing)" : "visible"}</Badge>
                {m.personal ? <Badge tone="blue">personal (active registrations only)</Badge> : null}
              </dd>
              <dt className="text-xs font-medium text-slate-600">Devices</dt>
              <dd className="text-xs tabular-nums">{m.fannedOutAt ? <>{m.deviceCount} (found <Timestamp value={m.fannedOutAt} format="short" />)</> : "Still finding the devices…"}</dd>
              <dt className="text-xs font-medium text-slate-600">Deliveries</dt>
              <dd data-testid="push-message-counts">
                <PushDeliveryCounts counts={m.counts} />
                {open ? <span className="ml-2 text-xs text-slate-600" role="status">refreshing while pending…</span> : null}
              </dd>
            </dl>
          </Section>
          <Section title="Content" description="What was sent, before the mapping to each provider's format.">
            <PushMessageBody body={m.body} />
          </Section>
        </div>
        <Section
          title="Deliveries"
          description={
            m.counts.total > m.deliveriesShown
              ? `The first ${m.deliveriesShown} of ${m.counts.total} deliveries; the counts above cover all of them.`
              : "One delivery per device: what the provider answered, and each attempt."
          }
        >
          <PushDeliveriesTable query={message} items={m.deliveries} />
        </Section>
      </div>
    </>
  );
}
