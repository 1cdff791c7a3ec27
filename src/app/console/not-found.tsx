import type { Metadata } from "next";
import Link from "next/link";

import { buttonClasses } from "@/components/ui/button-classes";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Page not found" };

/** The console's 404: inside the frame, so the navigation is there, with a plain way back. */
export default function ConsoleNotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <section aria-label="Page not found" className="max-w-2xl rounded-lg border border-slate-200 bg-white px-5 py-6">
        <p className="text-sm text-slate-700">
          There is nothing at this address. The link may be mistyped, or what it pointed to (an application, for instance) no longer
          exists.
        </p>
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href="/console/applications" className={buttonClasses("primary")}>
            Go to applications
          </Link>
        </div>
        <p className="mt-3 text-xs text-slate-600">Or choose an area in the navigation.</p>
      </section>
    </>
  );
}
