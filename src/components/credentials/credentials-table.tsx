"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ActionsTh, Table, TableMessageRow, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";

import type { CredentialRow } from "./credential-types";

/** Credentials with their state and a revoke action; used for all of them and for one application. */
export function CredentialsTable({
  caption,
  credentials,
  isLoading,
  error,
  showScope,
  canWrite,
}: {
  caption: string;
  credentials: CredentialRow[] | undefined;
  isLoading: boolean;
  error: unknown;
  /** The all-credentials list shows scope and application; an application's own list does not need them. */
  showScope: boolean;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [revoking, setRevoking] = useState<CredentialRow | null>(null);
  const revoke = useMutation(
    trpc.credentials.revoke.mutationOptions({
      onSuccess: async (credential) => {
        setRevoking(null);
        showFlash(`Credential “${credential.username}” revoked.`);
        await Promise.all([
          queryClient.invalidateQueries(trpc.credentials.list.pathFilter()),
          queryClient.invalidateQueries(trpc.applications.list.pathFilter()),
        ]);
      },
    }),
  );

  const columns = (showScope ? 2 : 0) + 5 + (canWrite ? 1 : 0);
  return (
    <>
      <Table caption={caption}>
        <THead>
          <Tr>
            {showScope ? <Th>Scope</Th> : null}
            {showScope ? <Th>Application</Th> : null}
            <Th>User name</Th>
            <Th>Created</Th>
            <Th>Created by</Th>
            <Th>Last used</Th>
            <Th>Status</Th>
            {canWrite ? <ActionsTh /> : null}
          </Tr>
        </THead>
        <TBody>
          {isLoading ? (
            <TableMessageRow colSpan={columns}>Loading credentials…</TableMessageRow>
          ) : error ? (
            <TableMessageRow colSpan={columns}>
              <span className="text-red-700">{errorMessage(error)}</span>
            </TableMessageRow>
          ) : !credentials?.length ? (
            <TableMessageRow colSpan={columns}>No credentials yet.</TableMessageRow>
          ) : (
            credentials.map((credential) => (
              <Tr key={credential.id} className={credential.revokedAt ? "text-slate-500" : undefined}>
                {showScope ? (
                  <Td>
                    {credential.scope === "ADMIN" ? <Badge tone="violet">Admin API</Badge> : <Badge tone="blue">Application</Badge>}
                  </Td>
                ) : null}
                {showScope ? (
                  <Td>
                    {credential.applicationId ? (
                      <Link
                        href={`/console/applications/${encodeURIComponent(credential.applicationId)}`}
                        className="font-mono text-xs text-blue-700 hover:underline"
                      >
                        {credential.applicationId}
                      </Link>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </Td>
                ) : null}
                <Td className="font-mono text-xs">{credential.username}</Td>
                <Td>
                  <Timestamp value={credential.createdAt} />
                </Td>
                <Td className="text-xs">{credential.createdBy}</Td>
                <Td>
                  <Timestamp value={credential.lastUsedAt} empty="Never" />
                </Td>
                <Td>
                  {credential.revokedAt ? (
                    <Badge tone="red" title={`Revoked ${credential.revokedAt.toISOString()}`}>
                      Revoked
                    </Badge>
                  ) : (
                    <Badge tone="green">Active</Badge>
                  )}
                </Td>
                {canWrite ? (
                  <Td className="text-right">
                    {credential.revokedAt ? null : (
                      <Button
                        size="sm"
                        variant="danger"
                        aria-label={`Revoke ${credential.username}`}
                        onClick={() => {
                          revoke.reset();
                          setRevoking(credential);
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </Td>
                ) : null}
              </Tr>
            ))
          )}
        </TBody>
      </Table>
      <ConfirmDialog
        open={revoking !== null}
        action="Revoke credential"
        objectName={revoking?.username ?? ""}
        consequence="Every system using this credential is refused from its next request. This cannot be undone; a replacement needs a new credential."
        confirmLabel="Revoke credential"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}
