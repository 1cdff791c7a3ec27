"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useCan } from "@/components/console/use-me";
import { CredentialSecretPanel } from "@/components/credentials/credential-secret-panel";
import type { CreatedCredential } from "@/components/credentials/credential-types";
import { CredentialsTable } from "@/components/credentials/credentials-table";
import { NewCredentialDialog } from "@/components/credentials/new-credential-dialog";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import type { SortDirection } from "@/components/ui/table";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";
import { CREDENTIAL_SORTS, type CredentialSort } from "@/schemas/credentials";

const PAGE_SIZE = 10;

type SectionParams = { page: number; sort: CredentialSort; direction: SortDirection };

// Prefixed: the page's URL may carry other lists' state one day.
const LIST_PARAMS: ListParamsSpec<SectionParams> = {
  defaults: { page: 1, sort: "createdAt", direction: "desc" },
  choices: { sort: CREDENTIAL_SORTS, direction: ["asc", "desc"] },
  prefix: "credentials.",
};

export function ApplicationCredentialsSection({ id }: { id: string }) {
  const trpc = useTRPC();
  const canWrite = useCan("credentials.write");
  const [params, setParams] = useListParams(LIST_PARAMS);
  const credentials = useQuery({
    ...trpc.credentials.list.queryOptions({ applicationId: id, page: params.page, pageSize: PAGE_SIZE, sort: params.sort, direction: params.direction }),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedCredential | null>(null);

  return (
    <Section
      title="Integration credentials"
      description={
        <>
          HTTP Basic user names and passwords with which this application&apos;s backend calls its API.{" "}
          <Link href={`/console/credentials?application=${encodeURIComponent(id)}`} className="text-blue-700 underline">
            Search and filter them with the other credentials
          </Link>
          .
        </>
      }
      actions={
        canWrite ? (
          <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
            New credential
          </Button>
        ) : null
      }
    >
      {created ? (
        <div className="mb-3">
          <CredentialSecretPanel credential={created} onDone={() => setCreated(null)} headingLevel={3} />
        </div>
      ) : null}
      <CredentialsTable
        caption={`Credentials of ${id}`}
        query={credentials}
        items={credentials.data?.items}
        asOf={credentials.dataUpdatedAt}
        empty={canWrite ? "No credentials yet. Its backend needs one to call the API: create it with “New credential”." : "No credentials yet."}
        showScope={false}
        canWrite={canWrite}
        headingLevel={3}
        sorting={{ sort: params.sort, direction: params.direction, onSort: (sort, direction) => setParams({ sort, direction }) }}
      />
      {credentials.data && credentials.data.total > PAGE_SIZE ? (
        <Pagination
          page={params.page}
          pageSize={PAGE_SIZE}
          total={credentials.data.total}
          noun="credentials"
          onPageChange={(page) => setParams({ page })}
          busy={credentials.isFetching}
        />
      ) : null}
      <NewCredentialDialog
        open={creating}
        onClose={() => setCreating(false)}
        applicationId={id}
        onCreated={(credential) => {
          setCreating(false);
          setCreated(credential);
        }}
      />
    </Section>
  );
}
