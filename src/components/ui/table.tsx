import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

import { cx } from "./cx";

/**
 * A dense data table. The caption names the table for screen readers and tests
 * (`getByRole("table", { name })`); pass `captionHidden` when a heading already shows it.
 */
export function Table({
  caption,
  captionHidden = true,
  children,
  className,
}: {
  caption: string;
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cx("overflow-x-auto rounded-md border border-slate-200 bg-white", className)}>
      <table className="w-full border-collapse text-left text-[13px]">
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
  return <th scope={scope} className={cx("px-3 py-2 font-medium whitespace-nowrap", className)} {...rest} />;
}

/** The header of a column of row buttons: named for screen readers, blank on screen. */
export function ActionsTh() {
  return (
    <Th>
      <span className="sr-only">Actions</span>
    </Th>
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx("px-3 py-1.5", className)} {...rest} />;
}

/** A full-width row for loading, empty and error states inside a table body. */
export function TableMessageRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-sm text-slate-500">
        {children}
      </td>
    </tr>
  );
}
