"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableMessageRow, TBody, Th, THead, Tr } from "@/components/ui/table";

import { type AuditFilterForm, EMPTY_FILTER, toQuery } from "./audit-filter";
import { AuditFilters } from "./audit-filters";
import { AuditRow } from "./audit-row";
import { IntegrityPanel } from "./integrity-panel";

const PAGE_SIZE = 50;

export function AuditView({ initialFilter }: { initialFilter: Partial<AuditFilterForm> }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<AuditFilterForm>({ ...EMPTY_FILTER, ...initialFilter });
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.audit.list.queryOptions({ ...toQuery(filter), page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const items = list.data?.items;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the console, the APIs and the command line, newest first. Entries are hash-chained, so an edit or a deletion shows up when the chain is verified."
      />
      <div className="space-y-4">
        <IntegrityPanel />
        <AuditFilters
          key={JSON.stringify(filter)}
          initial={filter}
          onApply={(next) => {
            setFilter(next);
            setPage(1);
          }}
        />
        <div>
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
                <TableMessageRow colSpan={7}>No audit entries match these filters.</TableMessageRow>
              ) : (
                items.map((entry) => <AuditRow key={entry.id} entry={entry} />)
              )}
            </TBody>
          </Table>
          {list.data ? (
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} noun="entries" onPageChange={setPage} busy={list.isFetching} />
          ) : null}
        </div>
      </div>
    </>
  );
}
