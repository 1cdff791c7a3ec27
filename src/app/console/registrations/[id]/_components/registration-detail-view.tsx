"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { RegistrationStatusBadge } from "@/components/registrations/registration-status-badge";
import type { RegistrationDetail } from "@/components/registrations/registration-types";
import { useTRPC } from "@/components/trpc/trpc-client";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Timestamp } from "@/components/ui/timestamp";

import { ActivationSection } from "./activation-section";
import { FlagsSection } from "./flags-section";
import { HistorySection } from "./history-section";
import { StatusActions } from "./status-actions";
import { VirtualDeviceSection } from "./virtual-device-section";

const OTP_TEXT: Record<RegistrationDetail["otpValidation"], string> = {
  NONE: "No OTP",
  ON_KEY_EXCHANGE: "Checked when the phone activates",
  ON_COMMIT: "Checked when the bank commits",
};

export function RegistrationDetailView({ id, initial }: { id: string; initial?: RegistrationDetail }) {
  const trpc = useTRPC();
  const registration = useQuery(trpc.registrations.get.queryOptions({ registrationId: id }, { initialData: initial }));
  const backLink = (
    <Link href="/console/registrations" className="text-blue-700 hover:underline">
      ← Registrations
    </Link>
  );
  if (registration.isLoading) return <Loading label="Loading registration…" />;
  if (!registration.data) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={`Registration ${id}`} />
        <LoadFailurePanel error={registration.error} what="this registration" onRetry={() => void registration.refetch()} retrying={registration.isFetching} />
      </>
    );
  }
  const r = registration.data;
  return (
    <>
      <PageHeader
        eyebrow={backLink}
        title={
          <>
            Registration <span className="font-mono text-base">{r.id}</span>
          </>
        }
        description={
          <>
            Of user{" "}
            <Link href={`/console/support?userId=${encodeURIComponent(r.userId)}`} className="font-mono text-blue-700 hover:underline">
              {r.userId}
            </Link>{" "}
            in application{" "}
            <Link href={`/console/applications/${encodeURIComponent(r.applicationId)}`} className="font-mono text-blue-700 hover:underline">
              {r.applicationId}
            </Link>
          </>
        }
        actions={r.canWrite ? <StatusActions registration={r} /> : null}
      />
      <div className="space-y-4">
        <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Section title="Overview">
            <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm" data-testid="registration-overview">
              <dt className="text-xs font-medium text-slate-600">Status</dt>
              <dd data-testid="registration-status">
                <RegistrationStatusBadge status={r.status} expired={r.expired} />
              </dd>
              {r.status === "BLOCKED" ? (
                <>
                  <dt className="text-xs font-medium text-slate-600">Block reason</dt>
                  <dd className="font-mono text-xs break-all" data-testid="block-reason">
                    {r.blockedReason ?? "—"}
                  </dd>
                </>
              ) : null}
              <dt className="text-xs font-medium text-slate-600">Failed attempts</dt>
              <dd>
                {r.failedAttempts} of {r.maxFailedAttempts}{" "}
                <span className="text-slate-600" data-testid="remaining-attempts">
                  ({Math.max(0, r.maxFailedAttempts - r.failedAttempts)} remaining before it is blocked)
                </span>
              </dd>
              <dt className="text-xs font-medium text-slate-600">Signature counter</dt>
              <dd className="tabular-nums">{r.counter}</dd>
              <dt className="text-xs font-medium text-slate-600">OTP</dt>
              <dd>{OTP_TEXT[r.otpValidation]}</dd>
              <dt className="text-xs font-medium text-slate-600">Device</dt>
              <dd className="break-words">
                {r.name ? (
                  <>
                    {r.name}
                    <span className="text-slate-600">{[r.platform, r.deviceInfo].filter(Boolean).length ? ` · ${[r.platform, r.deviceInfo].filter(Boolean).join(" · ")}` : ""}</span>
                  </>
                ) : (
                  <span className="text-slate-600">No phone has activated it yet</span>
                )}
              </dd>
              <dt className="text-xs font-medium text-slate-600">Protocol</dt>
              <dd>{r.protocolVersion ?? <span className="text-slate-600">—</span>}</dd>
              <dt className="text-xs font-medium text-slate-600">Created</dt>
              <dd>
                <Timestamp value={r.createdAt} />
              </dd>
              <dt className="text-xs font-medium text-slate-600">Last used</dt>
              <dd>
                <Timestamp value={r.lastUsedAt} />
              </dd>
              <dt className="text-xs font-medium text-slate-600">Last changed</dt>
              <dd>
                <Timestamp value={r.lastChangedAt} />
              </dd>
              {r.status === "CREATED" || r.status === "PENDING_COMMIT" ? (
                <>
                  <dt className="text-xs font-medium text-slate-600">{r.expired ? "Expired" : "Expires"}</dt>
                  <dd>
                    <Timestamp value={r.expiresAt} />
                  </dd>
                </>
              ) : null}
            </dl>
          </Section>
          <ActivationSection registration={r} />
        </div>
        <VirtualDeviceSection registration={r} />
        <FlagsSection registration={r} />
        <HistorySection registrationId={r.id} />
      </div>
    </>
  );
}
