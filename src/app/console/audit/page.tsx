import type { Metadata } from "next";

import type { AuditFilterForm } from "./_components/audit-filter";
import { AuditView } from "./_components/audit-view";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

/** Filters can come in the URL, so other pages can link to "the audit log of this application". */
const FILTER_NAMES = ["action", "actor", "targetType", "targetId", "applicationId", "from", "to"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const initial: Partial<AuditFilterForm> = {};
  for (const name of FILTER_NAMES) {
    const value = params[name];
    if (typeof value === "string" && value) initial[name] = value.slice(0, 254);
  }
  return <AuditView initialFilter={initial} />;
}
