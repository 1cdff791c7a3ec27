import type { Metadata } from "next";
import Link from "next/link";

import { buttonClasses } from "@/components/ui/button-classes";

export const metadata: Metadata = { title: "Page not found" };

/**
 * The 404 page outside the console (REST paths answer with their JSON envelope instead). Pages
 * inside /console have their own, within the console frame.
 */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-4 flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG logo needs no optimisation */}
          <img src="/favicon.svg" alt="" width={24} height={24} className="size-6" />
          <p className="text-base font-semibold text-slate-900">Guardline</p>
        </div>
        <h1 className="text-lg font-semibold text-slate-900">Page not found</h1>
        <p className="mt-1 text-sm text-slate-700">There is nothing at this address.</p>
        <Link href="/console" className={`${buttonClasses("primary")} mt-4`}>
          Go to the console
        </Link>
      </div>
    </main>
  );
}
