"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { useCan } from "@/components/console/use-me";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchField } from "@/components/ui/search-field";
import type { SortDirection } from "@/components/ui/table";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";

import { ApplicationsTable } from "./applications-table";
import { NewApplicationDialog } from "./new-application-dialog";

const PAGE_SIZE = 25;

type ApplicationListParams = { page: number; search: string; sort: "id" | "createdAt"; direction: SortDirection };

// A module constant: useListParams memoises on it.
const LIST_PARAMS: ListParamsSpec<ApplicationListParams> = {
  defaults: { page: 1, search: "", sort: "id", direction: "asc" },
  choices: { sort: ["id", "createdAt"], direction: ["asc", "desc"] },
};

export function ApplicationsView() {
  const trpc = useTRPC();
  const canWrite = useCan("applications.write");
  const [params, setParams] = useListParams(LIST_PARAMS);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    ...trpc.applications.list.queryOptions({
      page: params.page,
      pageSize: PAGE_SIZE,
      search: params.search || undefined,
      sort: params.sort,
      direction: params.direction,
    }),
    // Keeps the rows while the next page or search loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Applications"
        description="Each application is one mobile app: its keys for the mobile SDK, roles, configuration and the credentials its backend uses."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New application
            </Button>
          ) : null
        }
      />
      <search aria-label="Filter applications" className="mb-3 flex">
        <SearchField
          label="Search applications"
          placeholder="Application ID contains…"
          value={params.search}
          onCommit={(search) => setParams({ search })}
          className="w-72"
        />
      </search>
      <ApplicationsTable
        query={list}
        items={list.data?.items}
        term={params.search}
        canWrite={canWrite}
        sorting={{ sort: params.sort, direction: params.direction, onSort: (sort, direction) => setParams({ sort, direction }) }}
      />
      {list.data ? (
        <Pagination
          page={params.page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          noun="applications"
          onPageChange={(page) => setParams({ page })}
          busy={list.isFetching}
        />
      ) : null}
      <NewApplicationDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
