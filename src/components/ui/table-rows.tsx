"use client";

import type { ReactNode } from "react";

import { LoadFailure } from "./load-failure";
import { TableMessageRow } from "./table";

/** The parts of a TanStack query a table needs. */
export interface TableQuery {
  isLoading: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The body rows of every data table: a loading row, an error row with Retry, an empty row, or
 * the rows themselves. One place, so every table tells the same story the same way. Rows kept
 * from a previous page (placeholder data) stay visible while the next one loads.
 */
export function TableRows<T>({
  colSpan,
  query,
  items,
  what,
  empty,
  children,
}: {
  colSpan: number;
  query: TableQuery;
  items: readonly T[] | undefined;
  /** What the rows are, plural and lower case: "credentials" ("Loading credentials…"). */
  what: string;
  /** The empty row's text, e.g. "No credentials match these filters." */
  empty: ReactNode;
  children: (item: T) => ReactNode;
}) {
  if (query.error && !(query.isFetching && items)) {
    return (
      <TableMessageRow colSpan={colSpan}>
        <LoadFailure error={query.error} what={`the ${what}`} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      </TableMessageRow>
    );
  }
  if (query.isLoading || !items) {
    return (
      <TableMessageRow colSpan={colSpan}>
        <span role="status">Loading {what}…</span>
      </TableMessageRow>
    );
  }
  if (!items.length) return <TableMessageRow colSpan={colSpan}>{empty}</TableMessageRow>;
  return <>{items.map(children)}</>;
}
