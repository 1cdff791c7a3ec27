"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { StatusHistoryTable } from "@/components/console/status-history-table";
import type { OperationDetail } from "@/components/operations/operation-types";
import { RegistrationStatusBadge } from "@/components/registrations/registration-status-badge";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { CodeValue } from "@/components/ui/code-value";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Timestamp } from "@/components/ui/timestamp";

const FACTOR_TEXT: Record<string, string> = {
  possession: "the phone alone",
  possession_knowledge: "the phone and the PIN",
  possession_biometry: "the phone and biometry",
};

export function OperationDetailView({ id, initial }: { id: string; initial?: OperationDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [cancelling, setCancelling] = useState(false);
  const operation = useQuery(trpc.operations.get.queryOptions({ operationId: id }, { initialData: initial }));
  const cancel = useMutation(
    trpc.operations.cancel.mutationOptions({
      onSuccess: async () => {
        setCancelling(false);
        showFlash("Operation canceled.");
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.operations.get.queryKey({ operationId: id }) }),
          queryClient.invalidateQueries(trpc.operations.list.pathFilter()),
        ]);
      },
    }),
  );
  const backLink = (
    <Link href="/console/operations" className="text-blue-700 hover:underline">
      ← Operations
    </Link>
  );
  if (operation.isLoading) return <Loading label="Loading operation…" />;
  if (!operation.data) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={`Operation ${id}`} />
        <LoadFailurePanel error={operation.error} what="this operation" onRetry={() => void operation.refetch()} retrying={operation.isFetching} />
      </>
    );
  }
  const o = operation.data;
  const parameters = Object.entries(o.parameters);
  const additional = Object.entries(o.additionalData ?? {});
  return (
    <>
      <PageHeader
        eyebrow={backLink}
        title={
          <>
            Operation <span className="font-mono text-base">{o.operationId}</span>
          </>
        }
        description={
          <>
            {o.userId ? (
              <>
                For user{" "}
                <Link href={`/console/support?userId=${encodeURIComponent(o.userId)}`} className="font-mono text-blue-700 hover:underline">
                  {o.userId}
                </Link>
              </>
            ) : (
              "Not claimed by a user yet"
            )}{" "}
            in application{" "}
            <Link href={`/console/applications/${encodeURIComponent(o.applicationId)}`} className="font-mono text-blue-700 hover:underline">
              {o.applicationId}
            </Link>
          </>
        }
        actions={
          o.canCancel ? (
            <Button
              variant="danger"
              onClick={() => {
                cancel.reset();
                setCancelling(true);
              }}
            >
              Cancel operation
            </Button>
          ) : null
        }
      />
      <div className="space-y-4">
        <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Section title="Overview">
            <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm" data-testid="operation-overview">
              <dt className="text-xs font-medium text-slate-600">Status</dt>
              <dd data-testid="operation-status">
                <RegistrationStatusBadge status={o.status} />
                {o.statusReason ? <span className="ml-2 font-mono text-xs text-slate-700">{o.statusReason}</span> : null}
              </dd>
              <dt className="text-xs font-medium text-slate-600">Template</dt>
              <dd className="font-mono text-xs">
                <Link href={`/console/templates/edit?name=${encodeURIComponent(o.template)}`} className="text-blue-700 hover:underline">
                  {o.template}
                </Link>{" "}
                ({o.operationType})
              </dd>
              <dt className="text-xs font-medium text-slate-600">Failed attempts</dt>
              <dd data-testid="operation-failures">
                {o.failureCount} of {o.maxFailureCount}
                <span className="text-xs text-slate-600"> (the operation fails at {o.maxFailureCount})</span>
              </dd>
              <dt className="text-xs font-medium text-slate-600">Approve with</dt>
              <dd className="text-xs">{o.signatureTypes.map((type) => FACTOR_TEXT[type] ?? type).join(", or ")}</dd>
              <dt className="text-xs font-medium text-slate-600">Proximity check</dt>
              <dd className="text-xs">{o.proximityCheck ? "On: the phone must prove it is near the bank's screen (TOTP)" : "Off"}</dd>
              {o.flag ? (
                <>
                  <dt className="text-xs font-medium text-slate-600">Required flag</dt>
                  <dd className="font-mono text-xs">{o.flag}</dd>
                </>
              ) : null}
              {o.externalId ? (
                <>
                  <dt className="text-xs font-medium text-slate-600">External ID</dt>
                  <dd className="font-mono text-xs break-all">{o.externalId}</dd>
                </>
              ) : null}
              <dt className="text-xs font-medium text-slate-600">Language</dt>
              <dd className="font-mono text-xs">{o.language}</dd>
              <dt className="text-xs font-medium text-slate-600">Created</dt>
              <dd>
                <Timestamp value={new Date(o.timestampCreated)} />
              </dd>
              <dt className="text-xs font-medium text-slate-600">Expires</dt>
              <dd>
                <Timestamp value={new Date(o.timestampExpires)} />
              </dd>
              {o.timestampFinished ? (
                <>
                  <dt className="text-xs font-medium text-slate-600">Finished</dt>
                  <dd>
                    <Timestamp value={new Date(o.timestampFinished)} />
                  </dd>
                </>
              ) : null}
            </dl>
          </Section>
          <Section title="Data" description="What the phone signs when the customer approves (operation data, protocol §13.2), and the parameters the bank gave.">
            <CodeValue value={o.data} label="operation data" truncate={false} />
            {parameters.length ? (
              <dl className="mt-3 grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" aria-label="Parameters">
                {parameters.map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="font-mono text-xs text-slate-600">{name}</dt>
                    <dd className="font-mono text-xs break-all">{value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="mt-3 text-xs text-slate-600">No parameters.</p>
            )}
            {additional.length ? (
              <dl className="mt-3 grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" aria-label="Additional data">
                {additional.map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="font-mono text-xs text-slate-600">{name}</dt>
                    <dd className="font-mono text-xs break-all">{value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </Section>
        </div>
        <Section title="History" description="Every status change of this operation, oldest first, written in the same transaction as the change.">
          <StatusHistoryTable
            caption="Operation history"
            query={operation}
            items={o.history}
            actorDetail={(row) =>
              row.registrationId ? (
                <>
                  {" · "}
                  <Link href={`/console/registrations/${row.registrationId}`} className="text-blue-700 hover:underline">
                    registration {row.registrationId.slice(0, 8)}…
                  </Link>
                </>
              ) : null
            }
          />
        </Section>
      </div>
      <ConfirmDialog
        open={cancelling}
        action="Cancel operation"
        objectName={o.operationId.slice(0, 8)}
        consequence="The customer can no longer approve or reject it: the phone shows it as canceled, and the bank's backend sees CANCELED. This cannot be undone; create a new operation if one is still needed."
        confirmLabel="Cancel operation"
        pending={cancel.isPending}
        error={cancel.error ? errorMessage(cancel.error) : null}
        onConfirm={() => cancel.mutate({ operationId: o.operationId })}
        onCancel={() => setCancelling(false)}
      />
    </>
  );
}
