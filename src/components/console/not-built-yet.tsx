import { PageHeader } from "@/components/ui/page-header";

/**
 * The page of an area the product will have but does not yet. It says so plainly, instead of
 * showing sample data someone might take for real.
 */
export function NotBuiltYet({ area, purpose }: { area: string; purpose: string }) {
  return (
    <>
      <PageHeader title={area} />
      <section aria-label="Not built yet" className="max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white px-5 py-6">
        <p className="text-sm font-semibold text-slate-900">Not built yet</p>
        <p className="mt-1 text-sm text-slate-700">{purpose}</p>
        <p className="mt-3 text-xs text-slate-600">This area is planned; nothing here reads or changes data yet.</p>
      </section>
    </>
  );
}
