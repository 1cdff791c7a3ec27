"use client";

import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "@/components/trpc/trpc-client";
import { SearchField } from "@/components/ui/search-field";
import { SelectField } from "@/components/ui/select-field";

/**
 * The application filter: a select while the applications fit in one page of the list (200, the
 * router's limit), a typed ID beyond that or when the list cannot be loaded.
 */
export function ApplicationFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const trpc = useTRPC();
  const applications = useQuery(trpc.applications.list.queryOptions({ page: 1, pageSize: 200 }));
  const items = applications.data?.items ?? [];
  const fitsSelect = applications.data !== undefined && applications.data.total <= items.length;
  if (!fitsSelect && !applications.isLoading) {
    return <SearchField label="Application ID" placeholder="Exact application ID" value={value} onCommit={onChange} className="w-48" />;
  }
  const options = [{ value: "", label: "All applications" }, ...items.map((app) => ({ value: app.id, label: app.id }))];
  // A filter from a shared link for an application that is gone still shows what is in effect.
  if (value && !items.some((app) => app.id === value)) options.push({ value, label: value });
  return (
    <SelectField
      label="Application"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={options}
      disabled={applications.isLoading}
      className="w-48"
    />
  );
}
