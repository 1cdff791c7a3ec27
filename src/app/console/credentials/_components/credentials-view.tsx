"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { ApplicationFilter } from "@/components/applications/application-filter";
import { useCan } from "@/components/console/use-me";
import { CredentialSecretPanel } from "@/components/credentials/credential-secret-panel";
import type { CreatedCredential } from "@/components/credentials/credential-types";
import { CredentialsTable } from "@/components/credentials/credentials-table";
import { NewCredentialDialog } from "@/components/credentials/new-credential-dialog";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";
import type { SortDirection } from "@/components/ui/table";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";
import { CREDENTIAL_SORTS, CREDENTIAL_STATUSES, type CredentialSort, type CredentialStatus } from "@/schemas/credentials";

const PAGE_SIZE = 25;

type CredentialListParams = {
  page: number;
  search: string;
  application: string;
  scope: "all" | "ADMIN" | "APPLICATION";
  status: CredentialStatus;
  sort: CredentialSort;
  direction: SortDirection;
};

// A module constant: useListParams memoises on it.
const LIST_PARAMS: ListParamsSpec<CredentialListParams> = {
  defaults: { page: 1, search: "", application: "", scope: "all", status: "all", sort: "createdAt", direction: "desc" },
  choices: { scope: ["all", "ADMIN", "APPLICATION"], status: CREDENTIAL_STATUSES, sort: CREDENTIAL_SORTS, direction: ["asc", "desc"] },
};

const SCOPE_OPTIONS = [
  { value: "all", label: "All scopes" },
  { value: "APPLICATION", label: "One application" },
  { value: "ADMIN", label: "Admin API" },
];

const STATUS_OPTIONS = [
  { value: "all", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "revoked", label: "Revoked" },
];

export function CredentialsView() {
  const trpc = useTRPC();
  const canWrite = useCan("credentials.write");
  const [params, setParams] = useListParams(LIST_PARAMS);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedCredential | null>(null);
  const list = useQuery({
    ...trpc.credentials.list.queryOptions({
      page: params.page,
      pageSize: PAGE_SIZE,
      search: params.search || undefined,
      applicationId: params.application || undefined,
      scope: params.scope === "all" ? undefined : params.scope,
      status: params.status,
      sort: params.sort,
      direction: params.direction,
    }),
    // Keeps the rows while the next page or filter loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(params.search || params.application || params.scope !== "all" || params.status !== "all");

  return (
    <>
      <PageHeader
        title="Credentials"
        description="Integration credentials: HTTP Basic user names and passwords for bank backends. Application credentials use only their application's API; admin credentials use the admin API."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New credential
            </Button>
          ) : null
        }
      />
      {created ? (
        <div className="mb-4">
          <CredentialSecretPanel credential={created} onDone={() => setCreated(null)} />
        </div>
      ) : null}
      <search aria-label="Filter credentials" className="mb-3 flex flex-wrap items-start gap-3">
        <SearchField
          label="Search user names"
          placeholder="User name contains…"
          value={params.search}
          onCommit={(search) => setParams({ search })}
          className="w-56"
        />
        <ApplicationFilter value={params.application} onChange={(application) => setParams({ application })} />
        <SelectField
          label="Scope"
          value={params.scope}
          onChange={(e) => setParams({ scope: e.target.value as typeof params.scope })}
          options={SCOPE_OPTIONS}
          className="w-40"
        />
        <SelectField
          label="Status"
          value={params.status}
          onChange={(e) => setParams({ status: e.target.value as typeof params.status })}
          options={STATUS_OPTIONS}
          className="w-36"
        />
      </search>
      <CredentialsTable
        caption="Credentials"
        query={list}
        items={list.data?.items}
        asOf={list.dataUpdatedAt}
        empty={filtered ? "No credentials match these filters." : canWrite ? "No credentials yet. Create one with “New credential”." : "No credentials yet."}
        showScope
        canWrite={canWrite}
        sorting={{ sort: params.sort, direction: params.direction, onSort: (sort, direction) => setParams({ sort, direction }) }}
      />
      {list.data ? (
        <Pagination
          page={params.page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          noun="credentials"
          onPageChange={(page) => setParams({ page })}
          busy={list.isFetching}
        />
      ) : null}
      <NewCredentialDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(credential) => {
          setCreating(false);
          setCreated(credential);
        }}
      />
    </>
  );
}
