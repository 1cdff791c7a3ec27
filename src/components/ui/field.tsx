import type { ReactNode } from "react";

import { cx } from "./cx";

export const inputClasses = cx(
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 placeholder:text-slate-500",
  "focus:border-blue-600 focus:outline-2 focus:outline-offset-0 focus:outline-blue-600/30",
  "disabled:bg-slate-50 disabled:text-slate-500 read-only:bg-slate-50",
  "aria-[invalid=true]:border-red-600 aria-[invalid=true]:focus:outline-red-600/30",
);

/**
 * Label, control, hint and error for one form control. The control gets its id and
 * aria-describedby from the caller (see TextField), so the label and messages are tied to it.
 * The error stays next to the hint rather than replacing it: the hint usually says how to fix it.
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cx("min-w-0", className)}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700" data-testid="field-error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The ids a control's aria-describedby lists: its error first, then its hint. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}
