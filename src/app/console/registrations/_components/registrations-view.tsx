"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { ApplicationFilter } from "@/components/applications/application-filter";
import { useCan } from "@/components/console/use-me";
import { NewRegistrationDialog } from "@/components/registrations/new-registration-dialog";
import { RegistrationsTable } from "@/components/registrations/registrations-table";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";
import { REGISTRATION_STATUS_FILTERS, type RegistrationStatusFilter } from "@/schemas/registrations";

const PAGE_SIZE = 25;

type RegistrationListParams = {
  search: string;
  application: string;
  status: RegistrationStatusFilter;
  flag: string;
  /** Keyset position: the page older than `before`, or newer than `after`. */
  before: string;
  after: string;
};

// A module constant: useListParams memoises on it.
const LIST_PARAMS: ListParamsSpec<RegistrationListParams> = {
  defaults: { search: "", application: "", status: "open", flag: "", before: "", after: "" },
  choices: { status: REGISTRATION_STATUS_FILTERS },
};

const STATUS_OPTIONS = [
  { value: "open", label: "Any but removed" },
  { value: "CREATED", label: "Created (waiting for the phone)" },
  { value: "PENDING_COMMIT", label: "Pending commit" },
  { value: "ACTIVE", label: "Active" },
  { value: "BLOCKED", label: "Blocked" },
  { value: "REMOVED", label: "Removed" },
  { value: "all", label: "Any, removed too" },
];

export function RegistrationsView() {
  const trpc = useTRPC();
  const router = useRouter();
  const canWrite = useCan("registrations.write");
  const [params, setParams] = useListParams(LIST_PARAMS);
  const [creating, setCreating] = useState(false);
  // A filter change starts again from the newest page.
  const filter = (patch: Partial<RegistrationListParams>) => setParams({ ...patch, before: "", after: "" });
  const list = useQuery({
    ...trpc.registrations.list.queryOptions({
      search: params.search || undefined,
      applicationId: params.application || undefined,
      status: params.status,
      flag: params.flag || undefined,
      cursor: params.before || undefined,
      newerThan: params.after || undefined,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(params.search || params.application || params.flag || params.status !== "open");
  const paged = Boolean(params.before || params.after);

  return (
    <>
      <PageHeader
        title="Registrations"
        description="Customers' phones bound to their bank accounts. Find a registration by its ID or the customer's user ID; open it to see its QR code, fingerprint, history and actions."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New registration
            </Button>
          ) : null
        }
      />
      <search aria-label="Filter registrations" className="mb-3 flex flex-wrap items-start gap-3">
        <SearchField
          label="Registration or user ID"
          placeholder="Exact ID…"
          value={params.search}
          onCommit={(search) => filter({ search })}
          className="w-60"
        />
        <ApplicationFilter value={params.application} onChange={(application) => filter({ application })} />
        <SelectField
          label="Status"
          value={params.status}
          onChange={(e) => filter({ status: e.target.value as RegistrationStatusFilter })}
          options={STATUS_OPTIONS}
          className="w-48"
        />
        <SearchField label="Flag" placeholder="Exact flag…" value={params.flag} onCommit={(flag) => filter({ flag })} className="w-36" />
      </search>
      <RegistrationsTable
        caption="Registrations"
        query={list}
        items={list.data?.items}
        empty={
          paged
            ? "No registrations on this page."
            : filtered
              ? "No registrations match these filters. IDs must be exact."
              : canWrite
                ? "No registrations yet. Create one with “New registration”, or let a bank backend create them."
                : "No registrations yet."
        }
      />
      {list.data ? (
        <KeysetPager
          label="Pages of registrations"
          noun="registrations"
          count={list.data.items.length}
          hasNewer={list.data.newerCursor !== null}
          hasOlder={list.data.nextCursor !== null}
          atNewest={!paged}
          busy={list.isFetching}
          onNewest={() => setParams({ before: "", after: "" })}
          onNewer={() => list.data?.newerCursor && setParams({ after: list.data.newerCursor, before: "" })}
          onOlder={() => list.data?.nextCursor && setParams({ before: list.data.nextCursor, after: "" })}
        />
      ) : null}
      <NewRegistrationDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(registration) => {
          setCreating(false);
          router.push(`/console/registrations/${registration.registrationId}`);
        }}
      />
    </>
  );
}
