"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { CredentialSecretPanel } from "@/components/credentials/credential-secret-panel";
import type { CreatedCredential } from "@/components/credentials/credential-types";
import { CredentialsTable } from "@/components/credentials/credentials-table";
import { NewCredentialDialog } from "@/components/credentials/new-credential-dialog";
import { useCan } from "@/components/console/use-me";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/section";

export function ApplicationCredentialsSection({ id }: { id: string }) {
  const trpc = useTRPC();
  const canWrite = useCan("credentials.write");
  const credentials = useQuery(trpc.credentials.list.queryOptions({ applicationId: id }));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedCredential | null>(null);

  return (
    <Section
      title="Integration credentials"
      description="HTTP Basic user names and passwords with which this application's backend calls its API."
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
          <CredentialSecretPanel credential={created} onDone={() => setCreated(null)} />
        </div>
      ) : null}
      <CredentialsTable
        caption={`Credentials of ${id}`}
        credentials={credentials.data}
        isLoading={credentials.isLoading}
        error={credentials.error}
        showScope={false}
        canWrite={canWrite}
      />
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
