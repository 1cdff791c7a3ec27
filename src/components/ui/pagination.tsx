import { Button } from "./button";

/** Server-side paging: previous/next and where we are. */
export function Pagination({
  page,
  pageSize,
  total,
  noun,
  onPageChange,
  busy,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** Plural noun for the count, e.g. "applications". */
  noun: string;
  onPageChange: (page: number) => void;
  busy?: boolean;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  // A shared link or Back can point past the end after rows went away.
  const pastEnd = total > 0 && first > total;
  return (
    <nav aria-label={`Pages of ${noun}`} className="mt-2 flex items-center justify-between gap-3 text-xs text-slate-600">
      <p aria-live="polite">
        {total === 0 ? `No ${noun}` : pastEnd ? `Page ${page} is past the last page (${pages}) of ${total} ${noun}` : `${first}–${last} of ${total} ${noun}`}
        {pages > 1 && !pastEnd ? ` · page ${page} of ${pages}` : ""}
        {busy ? " · loading…" : ""}
      </p>
      {pages > 1 || pastEnd ? (
        <div className="flex gap-2">
          {pastEnd ? (
            <Button size="sm" onClick={() => onPageChange(1)}>
              First page
            </Button>
          ) : null}
          <Button size="sm" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
            Previous page
          </Button>
          <Button size="sm" onClick={() => onPageChange(page + 1)} disabled={page >= pages}>
            Next page
          </Button>
        </div>
      ) : null}
    </nav>
  );
}
