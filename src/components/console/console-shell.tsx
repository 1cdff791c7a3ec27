"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";

import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

import { ChangePasswordForm } from "./change-password-form";
import { ConsoleNav } from "./console-nav";
import { FlashOutlet, FlashProvider } from "./flash-provider";
import { IdleSignOut } from "./idle-sign-out";
import { RoleBadge } from "./role-badge";
import { SessionWatcher } from "./session-watcher";
import { signOutTo } from "./sign-out";
import type { Me } from "./use-me";

/**
 * The frame of every console page: navigation, who is signed in, idle sign-out, and the
 * password gate. `me` comes from the server render, so the frame never flashes empty.
 */
export function ConsoleShell({ me: initialMe, idleMinutes, children }: { me: Me; idleMinutes: number; children: ReactNode }) {
  const trpc = useTRPC();
  // Seeds the cache every page reads permissions from (useMe); refreshed like any other query.
  const { data: me = initialMe } = useQuery(trpc.account.me.queryOptions(undefined, { initialData: initialMe }));

  return (
    <FlashProvider>
      <SessionWatcher />
      <IdleSignOut idleMinutes={idleMinutes} />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen flex-col md:flex-row">
        <aside className="shrink-0 border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-44 md:overflow-y-auto xl:w-52 md:border-r md:border-b-0">
          <div className="flex h-12 items-center gap-2 border-b border-slate-200 px-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- a 20px static SVG needs no image optimisation */}
            <img src="/favicon.svg" alt="" width={20} height={20} className="size-5" />
            <Link href="/console" className="text-sm font-semibold tracking-tight text-slate-900">
              Guardline
            </Link>
          </div>
          {me.mustChangePassword ? null : <ConsoleNav />}
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-12 shrink-0 items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 text-sm">
            <div className="min-w-0 text-right leading-tight">
              <p className="truncate font-medium text-slate-900" data-testid="user-name">
                {me.name}
              </p>
              <p className="truncate text-xs text-slate-600" data-testid="user-email">
                {me.email}
              </p>
            </div>
            <RoleBadge role={me.role} />
            <Button
              size="sm"
              onClick={() => void signOutTo()}
              aria-describedby="sign-out-description"
              title="Ends your sessions in every browser and on every device"
            >
              Sign out everywhere
            </Button>
            <span id="sign-out-description" className="sr-only">
              Ends your sessions in every browser and on every device.
            </span>
          </header>
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-4 focus:outline-none xl:px-5">
            <FlashOutlet />
            {me.mustChangePassword ? <PasswordGate /> : children}
          </main>
        </div>
      </div>
    </FlashProvider>
  );
}

/** Shown instead of every page until a one-time password is replaced (the server refuses the rest). */
function PasswordGate() {
  return (
    <>
      <PageHeader
        title="Choose your password"
        description="You signed in with a one-time password from an administrator. Choose your own password to continue; you will then sign in again with it."
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <ChangePasswordForm submitLabel="Set new password" />
      </div>
    </>
  );
}
