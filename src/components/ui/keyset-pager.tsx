"use client";

import { Button } from "./button";

/**
 * Keyset paging (newest, newer, older): lists that grow to millions never count or skip rows.
 * `noun` is plural ("registrations", "events").
 */
export function KeysetPager({
  count,
  noun,
  label,
  hasNewer,
  hasOlder,
  atNewest,
  busy,
  onNewest,
  onNewer,
  onOlder,
}: {
  count: number;
  noun: string;
  label: string;
  hasNewer: boolean;
  hasOlder: boolean;
  atNewest: boolean;
  busy: boolean;
  onNewest: () => void;
  onNewer?: () => void;
  onOlder: () => void;
}) {
  const more = [hasNewer ? "newer" : null, hasOlder ? "older" : null].filter(Boolean).join(" and ");
  return (
    <nav aria-label={label} className="mt-2 flex flex-wrap items-center justify-between gap-3 text-xs text-slate-600">
      <p aria-live="polite">
        {count === 0 ? `No ${noun} on this page` : `${count} ${noun}, newest first${more ? ` · ${more} ${noun} on other pages` : ""}`}
        {busy ? " · loading…" : ""}
      </p>
      <div className="flex gap-2">
        <Button size="sm" onClick={onNewest} disabled={atNewest}>
          Newest
        </Button>
        {onNewer ? (
          <Button size="sm" onClick={onNewer} disabled={!hasNewer}>
            Newer
          </Button>
        ) : null}
        <Button size="sm" onClick={onOlder} disabled={!hasOlder}>
          Older
        </Button>
      </div>
    </nav>
  );
}

/**
 * The common case: a list paged by one `before` cursor kept in the URL (the newest page, then
 * older ones), from a tRPC query of `{ items, nextCursor }`. Renders nothing until the first page came.
 */
export function BeforeCursorPager({
  label,
  noun,
  query,
  before,
  onBefore,
}: {
  label: string;
  noun: string;
  query: { data?: { items: unknown[]; nextCursor: string | null }; isFetching: boolean };
  before: string | undefined;
  onBefore: (cursor: string) => void;
}) {
  if (!query.data) return null;
  const { items, nextCursor } = query.data;
  return (
    <KeysetPager
      label={label}
      noun={noun}
      count={items.length}
      hasNewer={Boolean(before)}
      hasOlder={nextCursor !== null}
      atNewest={!before}
      busy={query.isFetching}
      onNewest={() => onBefore("")}
      onOlder={() => nextCursor && onBefore(nextCursor)}
    />
  );
}
