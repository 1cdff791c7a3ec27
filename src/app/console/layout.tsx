import { redirect } from "next/navigation";
import type { ReactNode } from "react";

import { ConsoleShell } from "@/components/console/console-shell";
import { TrpcProvider } from "@/components/trpc/trpc-client";
import { getEnv } from "@/env";
import { getStaffSession } from "@/server/auth/get-staff-session";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Every console request checks the session against the database; nothing here may be prerendered.
export const dynamic = "force-dynamic";

const createCaller = createCallerFactory(appRouter);

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await getStaffSession();
  if (!actor) redirect("/login?callbackUrl=/console");
  // The same procedure the client calls, so the first render and later refreshes agree.
  const me = await createCaller({ actor }).account.me();
  return (
    <TrpcProvider>
      <ConsoleShell me={me} idleMinutes={getEnv().SESSION_IDLE_MINUTES}>
        {children}
      </ConsoleShell>
    </TrpcProvider>
  );
}
