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
import { PageHeader } from "@/components/ui/page-header";

export function CredentialsView() {
  const trpc = useTRPC();
  const canWrite = useCan("credentials.write");
  const credentials = useQuery(trpc.credentials.list.queryOptions({}));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedCredential | null>(null);

  return (
    <>
      <PageHeader
        title="Credentials"
        description="Integration credentials: HTTP Basic user names and passwords for bank backends. Admin credentials use the admin API; application credentials only their application's API."
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
      <CredentialsTable
        caption="Credentials"
        credentials={credentials.data}
        isLoading={credentials.isLoading}
        error={credentials.error}
        showScope
        canWrite={canWrite}
      />
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
