"use client";

import type { ReactNode } from "react";

import { cx } from "./cx";
import { useHydrated } from "./use-hydrated";

/**
 * A checkbox with its label. Like every field, it stays disabled until React hydrates: a tick
 * before that would be reset by the controlled state.
 */
export function CheckboxField({
  label,
  checked,
  onChange,
  disabled = false,
  className,
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  className?: string;
}) {
  const hydrated = useHydrated();
  return (
    <label className={cx("inline-flex items-center gap-1.5 text-sm text-slate-800", className)}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        disabled={disabled || !hydrated}
        className="h-4 w-4 rounded border-slate-400"
      />
      {label}
    </label>
  );
}
