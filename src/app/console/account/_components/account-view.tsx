"use client";

import { ChangePasswordForm } from "@/components/console/change-password-form";
import { RoleBadge } from "@/components/console/role-badge";
import { useMe } from "@/components/console/use-me";
import { LoadFailurePanel } from "@/components/ui/load-failure";
import { Loading } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";

export function AccountView() {
  const me = useMe();
  if (me.isLoading) return <Loading />;
  if (!me.data) return <LoadFailurePanel error={me.error} what="your account" onRetry={() => void me.refetch()} retrying={me.isFetching} />;
  const { name, email, role, permissions } = me.data;
  return (
    <>
      <PageHeader title="Account" description="Who you are signed in as and what your role allows." />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Section title="You">
          <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-y-2 text-sm">
            <dt className="text-xs font-medium text-slate-600">Name</dt>
            <dd>{name}</dd>
            <dt className="text-xs font-medium text-slate-600">E-mail</dt>
            <dd className="break-all">{email}</dd>
            <dt className="text-xs font-medium text-slate-600">Role</dt>
            <dd>
              <RoleBadge role={role} />
            </dd>
            <dt className="text-xs font-medium text-slate-600">Permissions</dt>
            <dd>
              <ul aria-label="Permissions" className="flex flex-wrap gap-1">
                {permissions.map((permission) => (
                  <li key={permission} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                    {permission}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </Section>
        <Section
          title="Change password"
          description="Changing it signs you out everywhere, this browser included; then you sign in with the new password."
        >
          <ChangePasswordForm />
        </Section>
      </div>
    </>
  );
}
