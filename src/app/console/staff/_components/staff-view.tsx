"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useFlash } from "@/components/console/flash-provider";
import { RoleBadge, type StaffRole } from "@/components/console/role-badge";
import { useCan, useMe } from "@/components/console/use-me";
import { errorMessage, useTRPC } from "@/components/trpc/trpc-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cx } from "@/components/ui/cx";
import { inputClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { ActionsTh, Table, TableMessageRow, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { Timestamp } from "@/components/ui/timestamp";

import { InviteStaffDialog, ROLE_OPTIONS } from "./invite-staff-dialog";
import { OneTimePasswordPanel } from "./one-time-password-panel";
import type { IssuedPassword, StaffMember } from "./staff-types";

type PendingAction = { kind: "disable" | "enable" | "reset"; member: StaffMember };

const CONFIRM: Record<PendingAction["kind"], { action: string; confirmLabel: string; consequence: string }> = {
  disable: {
    action: "Disable",
    confirmLabel: "Disable",
    consequence: "They are signed out at once and cannot sign in until an administrator enables them again.",
  },
  enable: {
    action: "Enable",
    confirmLabel: "Enable",
    consequence: "They can sign in again with their password; a lock from failed attempts is cleared too.",
  },
  reset: {
    action: "Reset the password of",
    confirmLabel: "Reset password",
    consequence:
      "Their password stops working and they are signed out. You get a one-time password to pass on; they must choose their own at the next sign-in.",
  },
};

export function StaffView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const canWrite = useCan("staff.write");
  const myId = useMe().data?.id;
  const staff = useQuery(trpc.staff.list.queryOptions());
  const [inviting, setInviting] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.staff.list.pathFilter());
  const setDisabled = useMutation(
    trpc.staff.setDisabled.mutationOptions({
      onSuccess: async (member) => {
        setPending(null);
        showFlash(`${member.name} is now ${member.disabledAt ? "disabled" : "enabled"}.`);
        await refresh();
      },
    }),
  );
  const resetPassword = useMutation(
    trpc.staff.resetPassword.mutationOptions({
      onSuccess: async ({ user, temporaryPassword }) => {
        setPending(null);
        setIssued({ kind: "reset", name: user.name, email: user.email, password: temporaryPassword });
        await refresh();
      },
    }),
  );
  const confirmMutation = pending?.kind === "reset" ? resetPassword : setDisabled;

  function confirm() {
    if (!pending) return;
    if (pending.kind === "reset") resetPassword.mutate({ id: pending.member.id });
    else setDisabled.mutate({ id: pending.member.id, disabled: pending.kind === "disable" });
  }

  const columns = canWrite ? 7 : 6;
  return (
    <>
      <PageHeader
        title="Staff"
        description="People who use this console. Administrators invite them, choose their role and can disable them or reset their password."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => setInviting(true)}>
              Invite
            </Button>
          ) : null
        }
      />
      {issued ? (
        <div className="mb-4">
          <OneTimePasswordPanel issued={issued} onDone={() => setIssued(null)} />
        </div>
      ) : null}
      <Table caption="Staff">
        <THead>
          <Tr>
            <Th>Name</Th>
            <Th>E-mail</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Must change password</Th>
            <Th>Last sign-in</Th>
            {canWrite ? <ActionsTh /> : null}
          </Tr>
        </THead>
        <TBody>
          {staff.isLoading ? (
            <TableMessageRow colSpan={columns}>Loading staff…</TableMessageRow>
          ) : staff.error ? (
            <TableMessageRow colSpan={columns}>
              <span className="text-red-700">{errorMessage(staff.error)}</span>
            </TableMessageRow>
          ) : !staff.data?.length ? (
            <TableMessageRow colSpan={columns}>No staff members.</TableMessageRow>
          ) : (
            staff.data.map((member) => (
              <Tr key={member.id} className={member.disabledAt ? "text-slate-500" : undefined}>
                <Td className="font-medium">
                  {member.name}
                  {member.id === myId ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
                </Td>
                <Td className="whitespace-nowrap">{member.email}</Td>
                <Td>{canWrite ? <RoleEditor key={`${member.id}:${member.role}`} member={member} /> : <RoleBadge role={member.role} />}</Td>
                <Td>
                  <StaffStatus member={member} asOf={staff.dataUpdatedAt} />
                </Td>
                <Td>{member.mustChangePassword ? <Badge tone="amber">Yes</Badge> : <span className="text-slate-500">No</span>}</Td>
                <Td>
                  <Timestamp value={member.lastLoginAt} empty="Never" />
                </Td>
                {canWrite ? (
                  <Td>
                    <div className="flex justify-end gap-2">
                      <Button
                        size="sm"
                        variant={member.disabledAt ? "secondary" : "danger"}
                        aria-label={`${member.disabledAt ? "Enable" : "Disable"} ${member.name}`}
                        onClick={() => {
                          setDisabled.reset();
                          setPending({ kind: member.disabledAt ? "enable" : "disable", member });
                        }}
                      >
                        {member.disabledAt ? "Enable" : "Disable"}
                      </Button>
                      <Button
                        size="sm"
                        aria-label={`Reset password of ${member.name}`}
                        onClick={() => {
                          resetPassword.reset();
                          setPending({ kind: "reset", member });
                        }}
                      >
                        Reset password
                      </Button>
                    </div>
                  </Td>
                ) : null}
              </Tr>
            ))
          )}
        </TBody>
      </Table>
      {!canWrite ? <p className="mt-2 text-xs text-slate-500">Only administrators can change staff.</p> : null}

      <InviteStaffDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(invited) => {
          setInviting(false);
          setIssued(invited);
        }}
      />
      <ConfirmDialog
        open={pending !== null}
        action={pending ? CONFIRM[pending.kind].action : ""}
        objectName={pending ? `${pending.member.name} (${pending.member.email})` : ""}
        consequence={pending ? CONFIRM[pending.kind].consequence : ""}
        confirmLabel={pending ? CONFIRM[pending.kind].confirmLabel : ""}
        tone={pending?.kind === "enable" ? "primary" : "danger"}
        pending={confirmMutation.isPending}
        error={confirmMutation.error ? errorMessage(confirmMutation.error) : null}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      />
    </>
  );
}

/** `asOf` is when the list was fetched: "locked" is judged at that moment, not at each render. */
function StaffStatus({ member, asOf }: { member: StaffMember; asOf: number }) {
  if (member.disabledAt) return <Badge tone="red" title={`Disabled ${member.disabledAt.toISOString()}`}>Disabled</Badge>;
  if (member.lockedUntil && member.lockedUntil.getTime() > asOf) {
    return (
      <span className="inline-flex items-center gap-1">
        <Badge tone="amber">Locked</Badge>
        <span className="text-xs text-slate-600">
          until <Timestamp value={member.lockedUntil} />
        </span>
      </span>
    );
  }
  return <Badge tone="green">Active</Badge>;
}

/** A role select with its own Save, so a slip of the keyboard does not change anyone's rights. */
function RoleEditor({ member }: { member: StaffMember }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { showFlash } = useFlash();
  const [role, setRole] = useState<StaffRole>(member.role);
  const save = useMutation(
    trpc.staff.setRole.mutationOptions({
      onSuccess: async (updated) => {
        showFlash(`${updated.name} is now ${ROLE_OPTIONS.find((o) => o.value === updated.role)?.label ?? updated.role}.`);
        await queryClient.invalidateQueries(trpc.staff.list.pathFilter());
      },
      onError: (error) => {
        setRole(member.role);
        showFlash(errorMessage(error), { tone: "error" });
      },
    }),
  );
  const changed = role !== member.role;
  return (
    <div className="flex items-center gap-1.5">
      <select
        aria-label={`Role of ${member.name}`}
        value={role}
        onChange={(e) => setRole(e.target.value as StaffRole)}
        className={cx(inputClasses, "h-7 w-36 py-0 text-xs")}
      >
        {ROLE_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {changed ? (
        <Button
          size="sm"
          variant="primary"
          aria-label={`Save role change for ${member.name}`}
          pending={save.isPending}
          pendingText="Saving…"
          onClick={() => save.mutate({ id: member.id, role })}
        >
          Save
        </Button>
      ) : null}
    </div>
  );
}
