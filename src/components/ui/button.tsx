"use client";

import type { ButtonHTMLAttributes } from "react";

import { buttonClasses, type Size, type Variant } from "./button-classes";
import { cx } from "./cx";
import { useHydrated } from "./use-hydrated";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  /** Shows `pendingText` and disables the button while an action runs (no double submits). */
  pending?: boolean;
  pendingText?: string;
}

export function Button({ variant, size, pending, pendingText, className, disabled, children, type = "button", ...rest }: ButtonProps) {
  const hydrated = useHydrated();
  return (
    <button type={type} className={cx(buttonClasses(variant, size), className)} disabled={disabled || pending || !hydrated} {...rest}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
