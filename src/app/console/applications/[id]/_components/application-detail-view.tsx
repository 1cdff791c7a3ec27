"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "@/components/trpc/trpc-client";
import { buttonClasses } from "@/components/ui/button-classes";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";

import { ApplicationCredentialsSection } from "./application-credentials-section";
import type { ApplicationOverview } from "./application-types";
import { ConfigurationSection } from "./configuration-section";
import { ProtocolSettingsSection } from "./protocol-settings-section";
import { PushSection } from "./push-section";
import { RolesSection } from "./roles-section";
import { SdkConfigurationSection } from "./sdk-configuration-section";

export function ApplicationDetailView({ id, initial }: { id: string; initial?: ApplicationOverview }) {
  const trpc = useTRPC();
  const app = useQuery(trpc.applications.get.queryOptions({ id }, { initialData: initial }));

  const backLink = (
    <Link href="/console/applications" className="text-blue-700 hover:underline">
      ← Applications
    </Link>
  );
  if (app.isLoading) return <Loading label="Loading application…" />;
  if (!app.data) {
    return (
      <>
        <PageHeader eyebrow={backLink} title={id} />
        <LoadFailurePanel error={app.error} what="this application" onRetry={() => void app.refetch()} retrying={app.isFetching} />
      </>
    );
  }

  const { canWrite } = app.data;
  const noneSupported = !app.data.versions.some((version) => version.supported);
  return (
    <>
      <PageHeader
        eyebrow={backLink}
        title={<span className="font-mono">{app.data.id}</span>}
        description={
          <>
            Created <Timestamp value={app.data.createdAt} />
          </>
        }
        actions={
          <Link href={`/console/audit?applicationId=${encodeURIComponent(id)}`} className={buttonClasses("secondary", "sm")}>
            Audit log of this application
          </Link>
        }
      />
      {noneSupported ? (
        <Notice tone="error" className="mb-4" data-testid="no-supported-version">
          <p className="font-semibold">No version of this application is supported.</p>
          <p className="mt-0.5">
            Every installed copy of the mobile app is refused: nobody can activate it, sign in or approve anything with it.{" "}
            {canWrite ? "Mark a version supported below, or add a new version, to let people use the app again." : "An administrator can mark a version supported again."}
          </p>
        </Notice>
      ) : null}
      <div className="space-y-4">
        <SdkConfigurationSection app={app.data} canWrite={canWrite} />
        <RolesSection app={app.data} canWrite={canWrite} />
        <ProtocolSettingsSection app={app.data} canWrite={canWrite} />
        <ConfigurationSection id={id} canWrite={canWrite} />
        <PushSection id={id} canWrite={canWrite} />
        <ApplicationCredentialsSection id={id} />
      </div>
    </>
  );
}
