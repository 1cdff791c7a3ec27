"use client";

import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";

import { cx } from "./cx";
import { describedBy, Field, inputClasses } from "./field";
import { useHydrated } from "./use-hydrated";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Classes for the wrapper (width, grid placement). */
  className?: string;
  inputClassName?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, className, inputClassName, ...input }: TextFieldProps) {
  const id = useId();
  // Typing before React hydrates would be lost (a controlled field resets to its state): wait.
  const hydrated = useHydrated();
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        className={cx(inputClasses, "h-8", inputClassName)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
        disabled={input.disabled || !hydrated}
      />
    </Field>
  );
}
