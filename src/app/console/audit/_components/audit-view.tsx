"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useSyncExternalStore } from "react";

import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { buttonClasses } from "@/components/ui/button-classes";
import { Loading } from "@/components/ui/loading";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableMessageRow, TBody, Th, THead, Tr } from "@/components/ui/table";

import { type AuditFilterValues, type AuditUrlState, readUrlState, toSearch } from "./audit-filter";
import { AuditFilters } from "./audit-filters";
import { AuditPager } from "./audit-pager";
import { AuditRow } from "./audit-row";
import { IntegrityPanel } from "./integrity-panel";

const PAGE_SIZE = 50;

const subscribeNever = () => () => {};

/**
 * True in the browser only. The filter form shows times in the reader's zone, which the server
 * rendering the first HTML does not know, so it renders after hydration instead of mismatching.
 */
function useIsBrowser(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

export function AuditView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const isBrowser = useIsBrowser();
  const { state, ignored } = useMemo(() => readUrlState(new URLSearchParams(params.toString())), [params]);

  const hrefOf = (next: AuditUrlState) => {
    const search = toSearch(next);
    return search ? `${pathname}?${search}` : pathname;
  };
  // Replace, not push: paging and filtering are one place in the history, and Back leaves the log.
  const go = (next: AuditUrlState) => router.replace(hrefOf(next), { scroll: false });
  const hrefFor = (filter: AuditFilterValues) => hrefOf({ filter });

  const list = useQuery({
    ...trpc.audit.list.queryOptions({ ...state.filter, before: state.before, after: state.after, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items;
  const exportSearch = toSearch({ filter: state.filter });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the console, the APIs and the command line, newest first. Entries are hash-chained under a key kept outside the database, so an edit, a deletion or a cut-off tail shows up when the chain is verified."
      />
      <div className="space-y-4">
        <IntegrityPanel />
        {ignored.length > 0 ? (
          <Notice tone="warning">The address had values this page cannot use, so they are left out: {ignored.join(", ")}.</Notice>
        ) : null}
        {isBrowser ? (
          <AuditFilters key={JSON.stringify(state.filter)} filter={state.filter} onApply={(filter) => go({ filter })} />
        ) : (
          <Loading label="Loading filters…" className="py-1" />
        )}
        <div>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-slate-600">Export every entry that matches the filters, oldest first, with their hashes:</p>
            <div className="flex gap-2">
              <a className={buttonClasses("secondary", "sm")} href={`${pathname}/export?${exportSearch ? `${exportSearch}&` : ""}format=csv`} download>
                Export CSV
              </a>
              <a className={buttonClasses("secondary", "sm")} href={`${pathname}/export?${exportSearch ? `${exportSearch}&` : ""}format=jsonl`} download>
                Export JSON Lines
              </a>
            </div>
          </div>
          <Table caption="Audit entries">
            <THead>
              <Tr>
                <Th>
                  <span className="sr-only">Details</span>
                </Th>
                <Th>Time</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Target</Th>
                <Th>Application</Th>
                <Th>Request ID</Th>
              </Tr>
            </THead>
            <TBody>
              {list.isLoading ? (
                <TableMessageRow colSpan={7}>Loading audit entries…</TableMessageRow>
              ) : list.error ? (
                <TableMessageRow colSpan={7}>
                  <span className="text-red-700">{errorMessage(list.error)}</span>
                </TableMessageRow>
              ) : !items?.length ? (
                <TableMessageRow colSpan={7}>
                  {state.before || state.after ? "No entries on this page." : "No audit entries match these filters."}
                </TableMessageRow>
              ) : (
                items.map((entry) => <AuditRow key={entry.id} entry={entry} hrefFor={hrefFor} />)
              )}
            </TBody>
          </Table>
          {list.data ? (
            <AuditPager
              items={list.data.items}
              newerCursor={list.data.newerCursor}
              olderCursor={list.data.olderCursor}
              atNewest={!state.before && !state.after}
              busy={list.isFetching}
              onNewest={() => go({ filter: state.filter })}
              onNewer={(after) => go({ filter: state.filter, after })}
              onOlder={(before) => go({ filter: state.filter, before })}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}
