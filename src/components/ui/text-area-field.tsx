"use client";

import { type ReactNode, type Ref, type TextareaHTMLAttributes, useId } from "react";

import { cx } from "./cx";
import { describedBy, Field, inputClasses } from "./field";
import { useHydrated } from "./use-hydrated";

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ label, hint, error, className, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  // Typing before React hydrates would be lost (a controlled field resets to its state): wait.
  const hydrated = useHydrated();
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        className={cx(inputClasses, "py-1.5 font-mono text-xs leading-5")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        spellCheck={false}
        {...textarea}
        disabled={textarea.disabled || !hydrated}
      />
    </Field>
  );
}
