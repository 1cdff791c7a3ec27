import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

import { cx } from "./cx";

/**
 * A dense data table. The caption names the table for screen readers and tests
 * (`getByRole("table", { name })`); pass `captionHidden` when a heading already shows it.
 */
export function Table({
  caption,
  captionHidden = true,
  fixed = false,
  children,
  className,
}: {
  caption: string;
  captionHidden?: boolean;
  /** Column widths from the header cells (give them w-[…]), for tables of long values that truncate. */
  fixed?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cx("overflow-x-auto rounded-md border border-slate-200 bg-white", className)}>
      <table className={cx("w-full border-collapse text-left text-[13px]", fixed && "table-fixed")}>
        <caption className={captionHidden ? "sr-only" : "px-3 py-2 text-left text-xs font-medium text-slate-600"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx("align-middle", className)} {...rest} />;
}

export function Th({ className, scope = "col", ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope={scope} className={cx("px-2 py-2 font-medium whitespace-nowrap xl:px-3", className)} {...rest} />;
}

export type SortDirection = "asc" | "desc";

/**
 * A column header that sorts the table. aria-sort tells screen readers which column sorts the
 * rows and which way; the button flips the direction, or starts a new column at `firstDirection`
 * (newest first for dates, A to Z for names).
 */
export function SortableTh<C extends string>({
  column,
  sort,
  direction,
  onSort,
  firstDirection = "asc",
  children,
  className,
}: {
  column: C;
  sort: string;
  direction: SortDirection;
  onSort: (column: C, direction: SortDirection) => void;
  firstDirection?: SortDirection;
  children: ReactNode;
  className?: string;
}) {
  const active = sort === column;
  const next: SortDirection = active ? (direction === "asc" ? "desc" : "asc") : firstDirection;
  return (
    <Th aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"} className={cx("p-0", className)}>
      <button
        type="button"
        onClick={() => onSort(column, next)}
        className={cx(
          "inline-flex w-full items-center gap-1 px-2 py-2 text-left font-medium whitespace-nowrap hover:bg-slate-100 hover:text-slate-900 xl:px-3",
          "focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600",
          active ? "text-slate-900" : "",
        )}
      >
        {children}
        <span aria-hidden="true" className={cx("text-[10px]", active ? "text-slate-700" : "text-slate-500")}>
          {active ? (direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </Th>
  );
}

/** The header of a column of row buttons: named for screen readers, blank on screen. */
export function ActionsTh({ className }: { className?: string }) {
  return (
    <Th className={className}>
      <span className="sr-only">Actions</span>
    </Th>
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  // Narrower padding below 1280 px, so the dense tables fit a 1024 px screen.
  return <td className={cx("px-2 py-1.5 xl:px-3", className)} {...rest} />;
}

/** A full-width row for loading, empty and error states inside a table body. */
export function TableMessageRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-sm text-slate-600">
        {children}
      </td>
    </tr>
  );
}
