"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { isPushMessageOpen } from "@/components/push/push-labels";
import { useTRPC } from "@/components/trpc/trpc-client";
import { EmptyState } from "@/components/ui/empty-state";
import { BeforeCursorPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";

import { PushMessagesTable } from "./push-messages-table";

const PAGE_SIZE = 25;
// While a message on the page is still being delivered, the counts follow it (issue 10 §3: every attempt visible).
const OPEN_REFRESH_MS = 2_000;

type MessageListParams = { app: string; user: string; before: string };

// A module constant: useListParams memoises on it.
const LIST_PARAMS: ListParamsSpec<MessageListParams> = { defaults: { app: "", user: "", before: "" } };

/** The message log: one application's push messages, newest first, optionally of one user. */
export function PushMessagesView() {
  const trpc = useTRPC();
  const [params, setParams] = useListParams(LIST_PARAMS);
  const applications = useQuery(trpc.push.applications.queryOptions());
  // A filter change starts again from the newest page.
  const filter = (patch: Partial<MessageListParams>) => setParams({ ...patch, before: "" });
  const list = useQuery({
    ...trpc.push.messages.queryOptions({ applicationId: params.app, userId: params.user || undefined, cursor: params.before || undefined, limit: PAGE_SIZE }),
    enabled: params.app !== "",
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isPushMessageOpen) ? OPEN_REFRESH_MS : false),
  });
  const options = [{ value: "", label: "Choose an application" }, ...(applications.data ?? []).map((app) => ({ value: app.appId, label: app.appId }))];
  // An application from a shared link that is gone still shows what is in effect.
  if (params.app && !options.some((option) => option.value === params.app)) options.push({ value: params.app, label: params.app });

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/console/push" className="text-blue-700 hover:underline">
            ← Push
          </Link>
        }
        title="Push message log"
        description="Every push message an application sent, from the Cloud API, the Push Server API or the console, with what each provider answered for each device."
      />
      <search aria-label="Filter push messages" className="mb-3 flex flex-wrap items-start gap-3">
        <SelectField label="Application" value={params.app} onChange={(event) => filter({ app: event.target.value })} options={options} disabled={applications.isLoading} className="w-72" />
        <SearchField label="User ID" placeholder="Exact user ID…" value={params.user} onCommit={(user) => filter({ user })} className="w-56" />
      </search>
      {params.app === "" ? (
        <EmptyState title="Choose an application">Messages are kept per application. Pick one to see what it sent and what the providers answered.</EmptyState>
      ) : (
        <>
          <PushMessagesTable
            applicationId={params.app}
            query={list}
            items={list.data?.items}
            empty={params.before ? "No messages on this page." : params.user ? "This user has been sent no push message in this application. The user ID must be exact." : "This application has sent no push message yet."}
          />
          <BeforeCursorPager label="Pages of push messages" noun="messages" query={list} before={params.before} onBefore={(before) => setParams({ before })} />
        </>
      )}
    </>
  );
}
