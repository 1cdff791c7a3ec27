"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

import { ApplicationFilter } from "@/components/applications/application-filter";
import { useCan } from "@/components/console/use-me";
import { NewRegistrationDialog } from "@/components/registrations/new-registration-dialog";
import { RegistrationsTable } from "@/components/registrations/registrations-table";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { BeforeCursorPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TextField } from "@/components/ui/text-field";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";

import { TimelineTable } from "./timeline-table";

type SupportParams = {
  userId: string;
  application: string;
  /** Keyset positions: the timeline page older than `before`; the registrations page older than `regBefore`. */
  before: string;
  regBefore: string;
};

const PARAMS: ListParamsSpec<SupportParams> = { defaults: { userId: "", application: "", before: "", regBefore: "" } };

const TIMELINE_PAGE = 50;
const REGISTRATIONS_PAGE = 10;

/**
 * One customer, as a call-centre agent needs them while the customer is on the phone: every
 * registration (removed ones too), and one timeline of status changes, operations and
 * verification results, newest first. The user ID and the pages live in the URL.
 */
export function SupportView() {
  const [params, setParams] = useListParams(PARAMS);
  const [typed, setTyped] = useState(params.userId);
  const [seen, setSeen] = useState(params.userId);
  // Follow the URL (Back, a link from a registration) into the box.
  if (params.userId !== seen) {
    setSeen(params.userId);
    setTyped(params.userId);
  }
  const [problem, setProblem] = useState<string | null>(null);

  function lookUp(event: FormEvent) {
    event.preventDefault();
    const userId = typed.trim();
    setProblem(userId ? null : "Enter the customer's user ID.");
    if (userId) setParams({ userId, before: "", regBefore: "" });
  }

  return (
    <>
      <PageHeader
        title="Customer support"
        description="Everything about one customer on one page: their registrations, and every status change, operation and signature or token check, newest first."
      />
      <form onSubmit={lookUp} role="search" aria-label="Find a customer" className="mb-4 flex flex-wrap items-start gap-3" noValidate>
        <TextField
          label="User ID"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          maxLength={255}
          placeholder="Exact user ID…"
          className="w-72"
          error={problem}
        />
        <ApplicationFilter value={params.application} onChange={(application) => setParams({ application, before: "", regBefore: "" })} />
        <Button type="submit" variant="primary" className="mt-5">
          Look up
        </Button>
      </form>
      {params.userId ? <Customer params={params} setParams={setParams} /> : <p className="text-sm text-slate-600">Enter a user ID to see the customer&apos;s registrations and timeline.</p>}
    </>
  );
}

function Customer({ params, setParams }: { params: SupportParams; setParams: (patch: Partial<SupportParams>) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const canWrite = useCan("registrations.write");
  const [creating, setCreating] = useState(false);
  const applicationId = params.application || undefined;
  const registrations = useQuery({
    ...trpc.registrations.list.queryOptions({ userId: params.userId, applicationId, status: "all", cursor: params.regBefore || undefined, pageSize: REGISTRATIONS_PAGE }),
    placeholderData: keepPreviousData,
  });
  const timeline = useQuery({
    ...trpc.support.timeline.queryOptions({ userId: params.userId, applicationId, cursor: params.before || undefined, pageSize: TIMELINE_PAGE }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-4">
      <Section
        title={`Registrations of ${params.userId}`}
        description="Every phone this customer activated or was about to, removed ones included."
        actions={
          canWrite ? (
            <Button size="sm" onClick={() => setCreating(true)}>
              New registration for this user
            </Button>
          ) : null
        }
      >
        <RegistrationsTable
          caption={`Registrations of ${params.userId}`}
          query={registrations}
          items={registrations.data?.items}
          showUser={false}
          empty={params.regBefore ? "No registrations on this page." : "This user has no registrations (check the ID: it must be exact)."}
        />
        {registrations.data?.nextCursor || params.regBefore ? (
          <BeforeCursorPager label="Pages of registrations" noun="registrations" query={registrations} before={params.regBefore} onBefore={(regBefore) => setParams({ regBefore })} />
        ) : null}
      </Section>
      <Section title="Timeline" description="Status changes of registrations and operations, and every signature and token verification, newest first.">
        <TimelineTable query={timeline} items={timeline.data?.items} paged={Boolean(params.before)} />
        <BeforeCursorPager label="Pages of the timeline" noun="events" query={timeline} before={params.before} onBefore={(before) => setParams({ before })} />
      </Section>
      <NewRegistrationDialog
        open={creating}
        userId={params.userId}
        onClose={() => setCreating(false)}
        onCreated={(registration) => {
          setCreating(false);
          router.push(`/console/registrations/${registration.registrationId}`);
        }}
      />
    </div>
  );
}
