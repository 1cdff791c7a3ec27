"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { buttonClasses } from "@/components/ui/button";
import { Loading } from "@/components/ui/loading";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Timestamp } from "@/components/ui/timestamp";

import { ApplicationCredentialsSection } from "./application-credentials-section";
import { ConfigurationSection } from "./configuration-section";
import { RolesSection } from "./roles-section";
import { SdkConfigurationSection } from "./sdk-configuration-section";

export function ApplicationDetailView({ id }: { id: string }) {
  const trpc = useTRPC();
  const app = useQuery(trpc.applications.get.queryOptions({ id }));

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
        <Notice tone="error">{app.error ? errorMessage(app.error) : "This application could not be loaded."}</Notice>
      </>
    );
  }

  const { canWrite } = app.data;
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
      <div className="space-y-4">
        <SdkConfigurationSection app={app.data} canWrite={canWrite} />
        <RolesSection app={app.data} canWrite={canWrite} />
        <ConfigurationSection id={id} canWrite={canWrite} />
        <ApplicationCredentialsSection id={id} />
      </div>
    </>
  );
}
