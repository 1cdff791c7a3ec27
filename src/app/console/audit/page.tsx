import type { Metadata } from "next";
import { Suspense } from "react";

import { Loading } from "@/components/ui/loading";

import { AuditView } from "./_components/audit-view";

export const metadata: Metadata = { title: "Audit log" };

/** Filters and the page cursor come from the address (other pages link to "the log of this application"). */
export default function AuditPage() {
  return (
    <Suspense fallback={<Loading label="Loading the audit log…" />}>
      <AuditView />
    </Suspense>
  );
}
