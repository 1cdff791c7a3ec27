"use client";

import { type ReactNode, type SelectHTMLAttributes, useId } from "react";

import { cx } from "./cx";
import { describedBy, Field, inputClasses } from "./field";
import { useHydrated } from "./use-hydrated";

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  options: readonly { value: string; label: string }[];
}

export function SelectField({ label, hint, error, className, options, ...select }: SelectFieldProps) {
  const id = useId();
  // Typing before React hydrates would be lost (a controlled field resets to its state): wait.
  const hydrated = useHydrated();
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        className={cx(inputClasses, "h-8 pr-8")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
        disabled={select.disabled || !hydrated}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
