"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { useCan } from "@/components/console/use-me";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TextField } from "@/components/ui/text-field";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";

import { ApplicationsTable } from "./applications-table";
import { NewApplicationDialog } from "./new-application-dialog";

const PAGE_SIZE = 25;

export function ApplicationsView() {
  const trpc = useTRPC();
  const canWrite = useCan("applications.write");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const term = useDebouncedValue(search.trim());
  const list = useQuery({
    ...trpc.applications.list.queryOptions({ page, pageSize: PAGE_SIZE, search: term || undefined }),
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
      <div className="mb-3 max-w-xs">
        <TextField
          label="Search applications"
          type="search"
          placeholder="Application ID contains…"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
      </div>
      <ApplicationsTable items={list.data?.items} isLoading={list.isLoading} error={list.error} term={term} canWrite={canWrite} />
      {list.data ? (
        <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} noun="applications" onPageChange={setPage} busy={list.isFetching} />
      ) : null}
      <NewApplicationDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
