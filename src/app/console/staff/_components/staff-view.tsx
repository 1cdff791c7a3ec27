"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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
import { Pagination } from "@/components/ui/pagination";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";
import { ActionsTh, SortableTh, type SortDirection, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TableRows } from "@/components/ui/table-rows";
import { Timestamp } from "@/components/ui/timestamp";
import { type ListParamsSpec, useListParams } from "@/components/ui/use-list-params";
import { STAFF_ROLES } from "@/schemas/staff";

import { InviteStaffDialog, ROLE_OPTIONS } from "./invite-staff-dialog";
import { OneTimePasswordPanel } from "./one-time-password-panel";
import type { IssuedPassword, StaffMember } from "./staff-types";

type PendingAction = { kind: "disable" | "enable" | "reset"; member: StaffMember };

const PAGE_SIZE = 25;

type StaffSort = "name" | "email" | "lastLoginAt" | "createdAt";
type StaffListParams = {
  page: number;
  search: string;
  role: "all" | StaffRole;
  status: "all" | "active" | "disabled";
  sort: StaffSort;
  direction: SortDirection;
};

// A module constant: useListParams memoises on it.
const LIST_PARAMS: ListParamsSpec<StaffListParams> = {
  defaults: { page: 1, search: "", role: "all", status: "all", sort: "email", direction: "asc" },
  choices: {
    role: ["all", ...STAFF_ROLES],
    status: ["all", "active", "disabled"],
    sort: ["name", "email", "lastLoginAt", "createdAt"],
    direction: ["asc", "desc"],
  },
};

const ROLE_FILTER = [{ value: "all", label: "All roles" }, ...ROLE_OPTIONS];
const STATUS_FILTER = [
  { value: "all", label: "Any status" },
  { value: "active", label: "Enabled" },
  { value: "disabled", label: "Disabled" },
];

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
  const [params, setParams] = useListParams(LIST_PARAMS);
  const staff = useQuery({
    ...trpc.staff.list.queryOptions({
      page: params.page,
      pageSize: PAGE_SIZE,
      search: params.search || undefined,
      role: params.role === "all" ? undefined : params.role,
      status: params.status,
      sort: params.sort,
      direction: params.direction,
    }),
    placeholderData: keepPreviousData,
  });
  const sortProps = { sort: params.sort, direction: params.direction, onSort: (sort: StaffSort, direction: SortDirection) => setParams({ sort, direction }) };
  const filtered = Boolean(params.search || params.role !== "all" || params.status !== "all");
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

  const columns = canWrite ? 6 : 5;
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
      <search aria-label="Filter staff" className="mb-3 flex flex-wrap items-start gap-3">
        <SearchField
          label="Search staff"
          placeholder="Name or e-mail contains…"
          value={params.search}
          onCommit={(search) => setParams({ search })}
          className="w-56"
        />
        <SelectField
          label="Role"
          value={params.role}
          onChange={(e) => setParams({ role: e.target.value as StaffListParams["role"] })}
          options={ROLE_FILTER}
          className="w-40"
        />
        <SelectField
          label="Status"
          value={params.status}
          onChange={(e) => setParams({ status: e.target.value as StaffListParams["status"] })}
          options={STATUS_FILTER}
          className="w-36"
        />
      </search>
      <Table caption="Staff">
        <THead>
          <Tr>
            <SortableTh column="name" {...sortProps}>
              Name
            </SortableTh>
            <SortableTh column="email" {...sortProps}>
              E-mail
            </SortableTh>
            <Th>Role</Th>
            <Th>Status</Th>
            <SortableTh column="lastLoginAt" firstDirection="desc" {...sortProps}>
              Last sign-in
            </SortableTh>
            {canWrite ? <ActionsTh /> : null}
          </Tr>
        </THead>
        <TBody>
          <TableRows
            colSpan={columns}
            query={staff}
            items={staff.data?.items}
            what="staff"
            empty={filtered ? "No staff members match these filters." : "No staff members."}
          >
            {(member) => (
              <Tr key={member.id} className={member.disabledAt ? "text-slate-600" : undefined}>
                <Td className="font-medium">
                  {member.name}
                  {member.id === myId ? <span className="ml-1 text-xs font-normal text-slate-600">(you)</span> : null}
                </Td>
                <Td className="break-all">{member.email}</Td>
                <Td>{canWrite ? <RoleEditor key={`${member.id}:${member.role}`} member={member} /> : <RoleBadge role={member.role} />}</Td>
                <Td>
                  <span className="inline-flex flex-wrap items-center gap-1">
                    <StaffStatus member={member} asOf={staff.dataUpdatedAt} />
                    {member.mustChangePassword ? (
                      <Badge tone="amber" wrap title="Signed in with a one-time password, or not yet: must choose their own password next">
                        Must change password
                      </Badge>
                    ) : null}
                  </span>
                </Td>
                <Td>
                  <Timestamp value={member.lastLoginAt} empty="Never" format="compact" />
                </Td>
                {canWrite ? (
                  <Td>
                    <div className="flex flex-wrap justify-end gap-1.5">
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
            )}
          </TableRows>
        </TBody>
      </Table>
      {staff.data ? (
        <Pagination
          page={params.page}
          pageSize={PAGE_SIZE}
          total={staff.data.total}
          noun="staff members"
          onPageChange={(page) => setParams({ page })}
          busy={staff.isFetching}
        />
      ) : null}
      {!canWrite ? <p className="mt-2 text-xs text-slate-600">Only administrators can change staff.</p> : null}

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
          until <Timestamp value={member.lockedUntil} format="compact" />
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
        className={cx(inputClasses, "h-7 w-32 min-w-32 py-0 text-xs")}
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
