"use client";

import { Button } from "@/components/ui/button";

/**
 * Keyset paging: newer and older pages from the ids at the page's ends, and a way back to the
 * newest. There is no "page 7 of 20 000": counting millions of entries on every page is what the
 * keyset avoids.
 */
export function AuditPager({
  items,
  newerCursor,
  olderCursor,
  atNewest,
  busy,
  onNewest,
  onNewer,
  onOlder,
}: {
  items: readonly { id: string }[];
  newerCursor: string | null;
  olderCursor: string | null;
  atNewest: boolean;
  busy: boolean;
  onNewest: () => void;
  onNewer: (after: string) => void;
  onOlder: (before: string) => void;
}) {
  const count = items.length === 1 ? "1 entry" : `${items.length} entries`;
  const more = [newerCursor ? "newer" : null, olderCursor ? "older" : null].filter(Boolean).join(" and ");
  const range = items.length === 0 ? "No entries" : `${count}, newest first${more ? ` · ${more} entries on other pages` : ""}`;
  return (
    <nav aria-label="Pages of audit entries" className="mt-2 flex flex-wrap items-center justify-between gap-3 text-xs text-slate-600">
      <p aria-live="polite">
        {range}
        {busy ? " · loading…" : ""}
      </p>
      <div className="flex gap-2">
        <Button size="sm" onClick={onNewest} disabled={atNewest}>
          Newest
        </Button>
        <Button size="sm" onClick={() => newerCursor && onNewer(newerCursor)} disabled={!newerCursor}>
          Newer entries
        </Button>
        <Button size="sm" onClick={() => olderCursor && onOlder(olderCursor)} disabled={!olderCursor}>
          Older entries
        </Button>
      </div>
    </nav>
  );
}
