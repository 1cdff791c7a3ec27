"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ActionsTh, SortableTh, type SortDirection, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { type TableQuery, TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";
import type { CredentialSort } from "@/schemas/credentials";

import { CredentialSecretPanel } from "./credential-secret-panel";
import type { CredentialRow, RotatedCredential } from "./credential-types";
import { RotateCredentialDialog } from "./rotate-credential-dialog";

export interface CredentialSortState {
  sort: CredentialSort;
  direction: SortDirection;
  onSort: (sort: CredentialSort, direction: SortDirection) => void;
}

/**
 * Credentials with their state, rotate and revoke; used for all of them and for one application.
 * A rotation's new password appears above the table, once.
 */
export function CredentialsTable({
  caption,
  query,
  items,
  asOf,
  empty,
  showScope,
  canWrite,
  sorting,
  headingLevel = 2,
}: {
  caption: string;
  query: TableQuery;
  items: CredentialRow[] | undefined;
  /** When the rows were fetched (a grace period is judged as of then). */
  asOf: number;
  empty: ReactNode;
  /** The all-credentials list shows scope and application; an application's own list does not need them. */
  showScope: boolean;
  canWrite: boolean;
  sorting: CredentialSortState;
  /** Of the new-password panel: 2 on the credentials page, 3 inside an application's section. */
  headingLevel?: 2 | 3;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [revoking, setRevoking] = useState<CredentialRow | null>(null);
  const [rotating, setRotating] = useState<CredentialRow | null>(null);
  const [rotated, setRotated] = useState<RotatedCredential | null>(null);
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

  const columns = (showScope ? 1 : 0) + 4 + (canWrite ? 1 : 0);
  const sortProps = { sort: sorting.sort, direction: sorting.direction, onSort: sorting.onSort };
  return (
    <>
      {rotated ? (
        <div className="mb-3">
          <CredentialSecretPanel credential={rotated} onDone={() => setRotated(null)} headingLevel={headingLevel} />
        </div>
      ) : null}
      <Table caption={caption}>
        <THead>
          <Tr>
            {showScope ? <Th>Scope</Th> : null}
            <SortableTh column="username" {...sortProps}>
              User name
            </SortableTh>
            <SortableTh column="createdAt" firstDirection="desc" {...sortProps}>
              Created
            </SortableTh>
            <SortableTh column="lastUsedAt" firstDirection="desc" {...sortProps}>
              Last used
            </SortableTh>
            <Th>Status</Th>
            {canWrite ? <ActionsTh /> : null}
          </Tr>
        </THead>
        <TBody>
          <TableRows colSpan={columns} query={query} items={items} what="credentials" empty={empty}>
            {(credential) => (
              <Tr key={credential.id} className={credential.revokedAt ? "text-slate-600" : undefined}>
                {showScope ? (
                  <Td>
                    {credential.applicationId ? (
                      <Link
                        href={`/console/applications/${encodeURIComponent(credential.applicationId)}`}
                        className="font-mono text-xs break-all text-blue-700 hover:underline"
                        title={`Application ${credential.applicationId}`}
                      >
                        {credential.applicationId}
                      </Link>
                    ) : (
                      <Badge tone="violet">Admin API</Badge>
                    )}
                  </Td>
                ) : null}
                <Td className="font-mono text-xs break-all">{credential.username}</Td>
                <Td>
                  <Timestamp value={credential.createdAt} format="date" />
                  {/* Under the date rather than a column of its own: the table must fit 1024 px. */}
                  <div className="max-w-[11rem] truncate text-xs text-slate-600" title={`Created by ${credential.createdBy}`}>
                    by {credential.createdBy}
                  </div>
                </Td>
                <Td>
                  <Timestamp value={credential.lastUsedAt} empty="Never" format="compact" />
                </Td>
                <Td>
                  <CredentialStatus credential={credential} asOf={asOf} />
                </Td>
                {canWrite ? (
                  <Td>
                    {credential.revokedAt ? null : (
                      <div className="flex justify-end gap-1.5">
                        <Button size="sm" aria-label={`Rotate password of ${credential.username}`} onClick={() => setRotating(credential)}>
                          Rotate
                        </Button>
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
                      </div>
                    )}
                  </Td>
                ) : null}
              </Tr>
            )}
          </TableRows>
        </TBody>
      </Table>
      <RotateCredentialDialog
        credential={rotating}
        asOf={asOf}
        onClose={() => setRotating(null)}
        onRotated={(result) => {
          setRotating(null);
          setRotated(result);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        action="Revoke credential"
        objectName={revoking?.username ?? ""}
        consequence="Every system using this credential is refused from its next request, with the old password of a rotation too. This cannot be undone; a replacement needs a new credential."
        confirmLabel="Revoke credential"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}

function CredentialStatus({ credential, asOf }: { credential: CredentialRow; asOf: number }) {
  if (credential.revokedAt) {
    return (
      <Badge tone="red" title={`Revoked ${credential.revokedAt.toISOString()}`}>
        Revoked
      </Badge>
    );
  }
  const graceUntil = credential.previousSecretExpiresAt;
  if (graceUntil && graceUntil.getTime() > asOf) {
    return (
      <span className="inline-flex flex-col items-start gap-0.5">
        <Badge tone="green">Active</Badge>
        <span className="text-xs text-amber-900">
          old password until <Timestamp value={graceUntil} format="compact" />
        </span>
      </span>
    );
  }
  return <Badge tone="green">Active</Badge>;
}
