"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { ApplicationFilter } from "@/components/applications/application-filter";
import { useCan } from "@/components/console/use-me";
import type { OperationRow } from "@/components/operations/operation-types";
import { RegistrationStatusBadge } from "@/components/registrations/registration-status-badge";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { BeforeCursorPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TableRows } from "@/components/ui/table-rows";
import { TextField } from "@/components/ui/text-field";
import { Timestamp } from "@/components/ui/timestamp";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";

import { NewOperationDialog } from "./new-operation-dialog";

const PAGE_SIZE = 25;
const STATUSES = ["", "PENDING", "APPROVED", "REJECTED", "CANCELED", "EXPIRED", "FAILED"] as const;
type StatusFilter = (typeof STATUSES)[number];

type OperationListParams = {
  user: string;
  application: string;
  status: StatusFilter;
  template: string;
  /** Creation day range, yyyy-mm-dd (from inclusive, to inclusive). */
  from: string;
  to: string;
  /** Keyset position: the page older than this cursor. */
  before: string;
};

// A module constant: useListParams memoises on it.
const LIST_PARAMS: ListParamsSpec<OperationListParams> = {
  defaults: { user: "", application: "", status: "", template: "", from: "", to: "", before: "" },
  choices: { status: STATUSES },
};

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "PENDING", label: "Pending (waiting for the user)" },
  { value: "APPROVED", label: "Approved" },
  { value: "REJECTED", label: "Rejected by the user" },
  { value: "CANCELED", label: "Canceled" },
  { value: "EXPIRED", label: "Expired" },
  { value: "FAILED", label: "Failed (too many wrong attempts)" },
];

/** A yyyy-mm-dd day as the start of that day, or of the next one (for an inclusive "to"), in the browser's time zone. */
function dayStart(day: string, next = false): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  if (next) date.setDate(date.getDate() + 1);
  return date;
}

export function OperationsView() {
  const trpc = useTRPC();
  const router = useRouter();
  const canWrite = useCan("operations.write");
  const [params, setParams] = useListParams(LIST_PARAMS);
  const [creating, setCreating] = useState(false);
  const templates = useQuery(trpc.templates.list.queryOptions());
  // A filter change starts again from the newest page.
  const filter = (patch: Partial<OperationListParams>) => setParams({ ...patch, before: "" });
  const list = useQuery({
    ...trpc.operations.list.queryOptions({
      userId: params.user || undefined,
      applicationId: params.application || undefined,
      status: params.status || undefined,
      template: params.template || undefined,
      createdFrom: dayStart(params.from),
      createdTo: dayStart(params.to, true),
      cursor: params.before || undefined,
      limit: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(params.user || params.application || params.status || params.template || params.from || params.to);
  const templateOptions = [{ value: "", label: "Any template" }, ...(templates.data?.items ?? []).map((template) => ({ value: template.name, label: template.name }))];
  if (params.template && !templateOptions.some((option) => option.value === params.template)) templateOptions.push({ value: params.template, label: params.template });

  return (
    <>
      <PageHeader
        title="Operations"
        description="Logins and payments waiting for, or given, the customer's approval on the phone. Open one to see its data, history and failed attempts."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New test operation
            </Button>
          ) : null
        }
      />
      <search aria-label="Filter operations" className="mb-3 flex flex-wrap items-start gap-3">
        <SearchField label="User ID" placeholder="Exact user ID…" value={params.user} onCommit={(user) => filter({ user })} className="w-48" />
        <ApplicationFilter value={params.application} onChange={(application) => filter({ application })} />
        <SelectField label="Status" value={params.status} onChange={(e) => filter({ status: e.target.value as StatusFilter })} options={STATUS_OPTIONS} className="w-56" />
        <SelectField label="Template" value={params.template} onChange={(e) => filter({ template: e.target.value })} options={templateOptions} className="w-48" />
        <TextField label="Created from" type="date" value={params.from} onChange={(e) => filter({ from: e.target.value })} className="w-40" />
        <TextField label="Created to" type="date" value={params.to} onChange={(e) => filter({ to: e.target.value })} className="w-40" />
      </search>
      <OperationsTable
        query={list}
        items={list.data?.items}
        empty={
          params.before
            ? "No operations on this page."
            : filtered
              ? "No operations match these filters. The user ID must be exact."
              : canWrite
                ? "No operations yet. A bank backend creates them (POST /v2/operations), or create a test operation here."
                : "No operations yet."
        }
      />
      <BeforeCursorPager label="Pages of operations" noun="operations" query={list} before={params.before} onBefore={(before) => setParams({ before })} />
      <NewOperationDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(operationId) => {
          setCreating(false);
          router.push(`/console/operations/${operationId}`);
        }}
      />
    </>
  );
}

function OperationsTable({ query, items, empty }: { query: Parameters<typeof TableRows>[0]["query"]; items: OperationRow[] | undefined; empty: string }) {
  return (
    <Table caption="Operations">
      <THead>
        <Tr>
          <Th>Operation</Th>
          <Th>User ID</Th>
          <Th>Template</Th>
          <Th>Status</Th>
          <Th>Failures</Th>
          <Th>Created · expires</Th>
        </Tr>
      </THead>
      <TBody>
        <TableRows colSpan={6} query={query} items={items} what="operations" empty={empty}>
          {(operation) => (
            <Tr key={operation.operationId}>
              <Td>
                <Link
                  href={`/console/operations/${operation.operationId}`}
                  className="font-mono text-xs text-blue-700 hover:underline"
                  aria-label={`Operation ${operation.operationId}`}
                  title={operation.operationId}
                >
                  {operation.operationId.slice(0, 8)}…
                </Link>
                <div className="max-w-[9rem] truncate font-mono text-xs text-slate-600" title={`Application ${operation.applicationId}`}>
                  {operation.applicationId}
                </div>
              </Td>
              <Td className="max-w-[12rem] truncate font-mono text-xs">
                {operation.userId ? (
                  <Link href={`/console/support?userId=${encodeURIComponent(operation.userId)}`} className="text-blue-700 hover:underline" title={operation.userId}>
                    {operation.userId}
                  </Link>
                ) : (
                  <span className="text-slate-600">not claimed yet</span>
                )}
              </Td>
              <Td className="font-mono text-xs">
                {operation.template}
                <div className="text-slate-600">{operation.operationType}</div>
              </Td>
              <Td>
                <RegistrationStatusBadge status={operation.status} />
                {operation.statusReason ? <div className="mt-0.5 font-mono text-xs text-slate-600">{operation.statusReason}</div> : null}
              </Td>
              <Td className="text-xs tabular-nums">
                {operation.failureCount} of {operation.maxFailureCount}
              </Td>
              <Td className="text-xs whitespace-nowrap">
                <Timestamp value={new Date(operation.timestampCreated)} />
                <div className="text-slate-600">
                  <Timestamp value={new Date(operation.timestampExpires)} />
                </div>
              </Td>
            </Tr>
          )}
        </TableRows>
      </TBody>
    </Table>
  );
}
